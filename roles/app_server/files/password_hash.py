"""Print the crypt(3) hash an account's password should have; change nothing.

The password is read from stdin, the account name is argv[1]. When the password
still matches the account's current hash, that hash is printed (so Ansible sees
no change); otherwise a new hash with a fresh salt, in the system's preferred
method (libxcrypt: yescrypt on Debian 12 and Ubuntu 22.04), or SHA-512.
"""
import ctypes
import ctypes.util
import secrets
import string
import sys

name = sys.argv[1].encode()
password = sys.stdin.buffer.read()
lib = ctypes.CDLL(ctypes.util.find_library('crypt') or 'libcrypt.so.1')
lib.crypt.restype = ctypes.c_char_p
lib.crypt.argtypes = [ctypes.c_char_p, ctypes.c_char_p]

current = b''
with open('/etc/shadow', 'rb') as shadow:
    for line in shadow:
        fields = line.rstrip(b'\n').split(b':')
        if fields[0] == name and len(fields) > 1:
            current = fields[1]
            break

if current.startswith(b'$') and lib.crypt(password, current) == current:
    print(current.decode())
    sys.exit(0)

salt = None
if hasattr(lib, 'crypt_gensalt'):
    lib.crypt_gensalt.restype = ctypes.c_char_p
    lib.crypt_gensalt.argtypes = [ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p, ctypes.c_int]
    salt = lib.crypt_gensalt(None, 0, None, 0)
if not salt:
    alphabet = string.ascii_letters + string.digits + './'
    salt = ('$6$' + ''.join(secrets.choice(alphabet) for _position in range(16))).encode()
hashed = lib.crypt(password, salt)
if not hashed or not hashed.startswith(b'$'):
    sys.exit('crypt() could not hash the password of %s' % name.decode())
print(hashed.decode())
