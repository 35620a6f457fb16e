// Ed25519 detached signatures for rule packs (Node's crypto only): parse team keys, sign, verify, fingerprint.
import * as crypto from 'crypto';

/** DER prefix of an SPKI Ed25519 public key; followed by the 32 raw key bytes. */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export type KeyResult = { key: crypto.KeyObject; fingerprint: string } | { error: string };

/** A short, stable name for a public key: the first 16 hex digits of the sha256 of its raw bytes. */
export function keyFingerprint(key: crypto.KeyObject): string {
  const der = key.export({ format: 'der', type: 'spki' });
  return crypto.createHash('sha256').update(der.subarray(der.length - 32)).digest('hex').slice(0, 16);
}

/** Parses a trusted key: a PEM public key, or base64 of the raw 32-byte key or of its SPKI DER form. */
export function parsePublicKey(text: string): KeyResult {
  const t = text.trim();
  try {
    let key: crypto.KeyObject;
    if (t.startsWith('-----BEGIN')) key = crypto.createPublicKey(t);
    else {
      if (!/^[A-Za-z0-9+/=\s]+$/.test(t)) return { error: 'not a PEM public key or base64 text' };
      const raw = Buffer.from(t, 'base64');
      const der = raw.length === 32 ? Buffer.concat([SPKI_ED25519_PREFIX, raw]) : raw;
      key = crypto.createPublicKey({ key: der, format: 'der', type: 'spki' });
    }
    if (key.asymmetricKeyType !== 'ed25519') return { error: `key is ${key.asymmetricKeyType}, not ed25519` };
    return { key, fingerprint: keyFingerprint(key) };
  } catch (e) {
    return { error: `cannot read public key: ${(e as Error).message}` };
  }
}

export function parsePrivateKey(pem: string): { key: crypto.KeyObject } | { error: string } {
  try {
    const key = crypto.createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') return { error: `key is ${key.asymmetricKeyType}, not ed25519` };
    return { key };
  } catch (e) {
    return { error: `cannot read private key: ${(e as Error).message}` };
  }
}

/** The detached signature of `data`, as one line of base64 (the content of a .sig file). */
export function signBytes(data: Buffer, privateKey: crypto.KeyObject): string {
  return crypto.sign(null, data, privateKey).toString('base64') + '\n';
}

/**
 * Checks a .sig file's text against the trusted keys. Returns the fingerprint of the key that signed `data`, or an
 * error. A wrong key and modified data cannot be told apart, so the message names both.
 */
export function verifySignature(data: Buffer, sigText: string, trusted: Array<{ key: crypto.KeyObject; fingerprint: string }>): { fingerprint: string } | { error: string } {
  const t = sigText.trim();
  const sig = Buffer.from(t, 'base64');
  if (!/^[A-Za-z0-9+/=]+$/.test(t) || sig.length !== 64) return { error: 'signature file is not a base64 Ed25519 signature' };
  for (const k of trusted) {
    if (crypto.verify(null, data, k.key, sig)) return { fingerprint: k.fingerprint };
  }
  return { error: `signature does not verify with any trusted key (${trusted.map((k) => k.fingerprint).join(', ')}): the pack was modified after signing, or signed by a key that is not in trust:` };
}

/** A new Ed25519 key pair as PEM text (private PKCS#8, public SPKI). */
export function generateKeyPair(): { privatePem: string; publicPem: string; fingerprint: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    fingerprint: keyFingerprint(publicKey),
  };
}
