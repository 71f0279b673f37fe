// How a security@ attachment leaves psrt: always a download, never a page. The bytes are
// whatever a stranger sent, so the browser is told not to guess a type, not to render it
// inline, and to run nothing in it should it try (CSP sandbox).

/** The filename as RFC 6266 carries it: a plain-ASCII fallback and the UTF-8 name (RFC 8187). */
export function contentDisposition(filename: string): string {
  const name = filename.trim() || 'attachment';
  // Quoted-string: no quotes, slashes or control characters; non-ASCII becomes "_".
  const fallback = name.replace(/[^\x20-\x7e]|["\\/]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function attachmentHeaders(filename: string): Record<string, string> {
  return {
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': contentDisposition(filename),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
  };
}
