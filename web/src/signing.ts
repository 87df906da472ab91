/**
 * Signing in the browser: the signer's own ES256 key pair, made for this signature by WebCrypto
 * (the private key never leaves the page), over exactly what the contract subgraph checks — the
 * application id and the SHA-256 of the contract text this signer was shown — as a compact JWS.
 */
const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes as ArrayBuffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const utf8 = (text: string) => new TextEncoder().encode(text);

export async function signContract(applicationId: string, contractSha256: string): Promise<{ jws: string; publicKeyJwk: string }> {
  const { privateKey, publicKey } = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const header = base64url(utf8(JSON.stringify({ alg: 'ES256' })));
  const payload = base64url(utf8(JSON.stringify({ applicationId, contractSha256 })));
  // WebCrypto's ECDSA signature is r ‖ s, which is JWS's ES256 form.
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, utf8(`${header}.${payload}`));
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', publicKey);
  return { jws: `${header}.${payload}.${base64url(signature)}`, publicKeyJwk: JSON.stringify({ kty, crv, x, y }) };
}

/**
 * The live capture's digest, which is all verifyFace is sent (nothing biometric leaves the page).
 * In development there is no camera step: the simulated capture is the one the population register's
 * simulator matches for this person. A deployment puts the centre's liveness SDK here.
 */
export async function simulatedCaptureDigest(idNumber: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', utf8(`live:${idNumber}`));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
