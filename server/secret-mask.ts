import { Transform } from 'node:stream';

// An upstream body that echoes the API key (an error page quoting the request, a debug dump) must
// not carry it to the browser. Each occurrence is overwritten with as many `*`, so lengths hold.

/** The forms a secret takes in a body: as is, JSON-escaped and URL-encoded. */
function secretForms(secret: string): Buffer[] {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  return [...forms].filter((form) => form.length > 0).map((form) => Buffer.from(form));
}

function maskAll(bytes: Buffer, form: Buffer): void {
  for (let at = bytes.indexOf(form); at !== -1; at = bytes.indexOf(form, at + form.length)) bytes.fill(0x2a, at, at + form.length);
}

/** A stream version: keeps the last few bytes of each chunk back, so a secret split across chunks is caught. */
export function maskSecret(secret: string): Transform {
  const forms = secretForms(secret);
  const keep = Math.max(...forms.map((form) => form.length)) - 1;
  let tail = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const joined = Buffer.concat([tail, chunk]);
      for (const form of forms) maskAll(joined, form);
      const cut = Math.max(0, joined.length - keep);
      tail = Buffer.from(joined.subarray(cut));
      callback(null, cut > 0 ? joined.subarray(0, cut) : undefined);
    },
    flush(callback) {
      callback(null, tail.length > 0 ? tail : undefined);
    },
  });
}
