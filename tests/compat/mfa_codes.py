"""An authenticator app for the tests: RFC 6238 codes (HMAC-SHA1, 30-second steps, six digits) from a base32 seed,
written here independently of Cairn's own implementation."""
import base64
import hashlib
import hmac
import struct
import time


def now_step():
    return int(time.time() // 30)


def code(seed_base32, step):
    text = seed_base32.decode() if isinstance(seed_base32, bytes) else seed_base32
    key = base64.b32decode(text + "=" * (-len(text) % 8))
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"
