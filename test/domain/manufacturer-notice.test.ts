// Mail from a manufacturer reporting a vulnerability in Python as a component of
// their product, as the Cyber Resilience Act's Art. 13(6) obliges them to, is
// recognised and marked; ordinary reports that mention "CRA" in passing are not.
import { describe, expect, it } from 'vitest';
import { manufacturerNotice } from '../../src/domain/manufacturer-notice.ts';

const notice = `Dear Python Security Response Team,

Acme Industrial GmbH is the manufacturer of a product with digital elements (the
AX-200 gateway firmware), which integrates CPython 3.12 as a component. In
accordance with Article 13(6) of Regulation (EU) 2024/2847 (Cyber Resilience Act)
we are reporting a vulnerability we identified in this component to the entity
maintaining it.

The vulnerability: tarfile.extractall() with filter="data" ...

Kind regards,
Acme Industrial GmbH PSIRT`;

describe('a manufacturer notice under CRA Art. 13(6)', () => {
  it('a notice naming the regulation, the article and the product integrating Python is recognised, with its vendor', () => {
    const found = manufacturerNotice({
      subject: 'Vulnerability notification',
      text: notice,
      from: 'psirt@acme-industrial.example',
    });
    expect(found.isNotice).toBe(true);
    expect(found.vendor).toBe('Acme Industrial GmbH');
    expect(found.evidence).toEqual(
      expect.arrayContaining([
        'names the Cyber Resilience Act (Regulation (EU) 2024/2847)',
        'says Python is a component of their product',
      ]),
    );
  });

  it('a short notice citing "CRA Art. 13(6)" as a manufacturer, signed by no company, takes the vendor from its domain', () => {
    const text =
      'As the manufacturer of a device shipping pip, we notify you per CRA Art. 13(6) of an issue in pip 24.3.\n';
    const found = manufacturerNotice({
      subject: 'CRA notification',
      text,
      from: 'security@eu.contoso.example',
    });
    expect(found.isNotice).toBe(true);
    expect(found.vendor).toBe('contoso.example');
  });

  it('a reporter at a free mail provider gives no vendor domain', () => {
    const text =
      'We are the manufacturer of a product with digital elements; Cyber Resilience Act Article 13(6) notice.';
    expect(manufacturerNotice({ subject: '', text, from: 'jane.doe@gmail.com' })).toMatchObject({
      isNotice: true,
      vendor: null,
    });
  });

  it('an ordinary report that mentions the CRA in passing is not a notice', () => {
    for (const text of [
      'Hi, with the CRA coming into force, is CPython going to publish SBOMs? Also, zipfile loops on a crafted archive.',
      'I found a ReDoS in email._header_value_parser. (Not sure if the Cyber Resilience Act changes anything for you.)',
      'Our PSIRT found a crash in _ssl on Python 3.13.1; reproducer attached.',
    ]) {
      const found = manufacturerNotice({ subject: 'Security issue', text, from: 'someone@example.org' });
      expect(found.isNotice, text).toBe(false);
      expect(found.vendor).toBeNull();
    }
  });

  it('a compliance question about the CRA, with no manufacturer reporting, is not a notice', () => {
    const text =
      'Under Regulation (EU) 2024/2847, Article 13(6), do open-source stewards have to accept reports? Please fill in our supplier questionnaire.';
    expect(
      manufacturerNotice({ subject: 'CRA questionnaire', text, from: 'procurement@bigco.example' }).isNotice,
    ).toBe(false);
  });
});
