/**
 * HMAC keys as KeyObjects, made once per secret. Given a Buffer, `createHmac` imports its bytes
 * again on every call: about 15 µs on Node 24, where a KeyObject (or a string) costs about 2 and
 * the MAC of a 12 KB access record 7. The hot MACs — each access record, each agency request, each
 * shared-cache seal — take their key from here, whatever form the secret came in.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';

const fromBuffers = new WeakMap<Buffer, KeyObject>();
const fromStrings = new Map<string, KeyObject>();

/** The KeyObject of an HMAC secret: a Buffer's bytes, or a string's UTF-8 (as createHmac reads a string key). */
export function hmacKey(secret: string | Buffer): KeyObject {
  if (typeof secret === 'string') {
    let key = fromStrings.get(secret);
    if (key === undefined) {
      key = createSecretKey(Buffer.from(secret, 'utf8'));
      // A process holds a handful of secrets; a caller making them per request would only lose the shortcut.
      if (fromStrings.size < 64) fromStrings.set(secret, key);
    }
    return key;
  }
  let key = fromBuffers.get(secret);
  if (key === undefined) {
    key = createSecretKey(secret);
    fromBuffers.set(secret, key);
  }
  return key;
}
