// The second process of `npm run bench -- intake`: a mail server handing
// security@ mail to psrt's SMTP intake, as the team's mail exchanger would.
// Told what to send over IPC; answers with what each message cost it.
import { createTransport } from 'nodemailer';

interface Order {
  port: number;
  count: number;
  bytes: number;
  connections: number;
}

process.once('message', async (order: Order) => {
  const transport = createTransport({
    host: '127.0.0.1',
    port: order.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: order.connections,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  // A report of about `bytes`: prose, a traceback and a PoC, as text.
  const line = 'Decoding a crafted input overflows a heap buffer in the probe decoder; PoC below.\n';
  const body = line.repeat(Math.max(1, Math.floor(order.bytes / line.length)));
  const started = performance.now();
  const latencies = await Promise.all(
    Array.from({ length: order.count }, async (_, n) => {
      const sent = performance.now();
      await transport.sendMail({
        from: `Finder ${n} <finder${n}@example.org>`,
        to: 'security@python.org',
        subject: `bench report ${n}`,
        messageId: `<bench-${process.pid}-${n}@example.org>`,
        text: body,
      });
      return performance.now() - sent;
    }),
  );
  const wallMs = performance.now() - started;
  transport.close();
  process.send?.({ wallMs, latencies }, () => process.exit(0));
});
