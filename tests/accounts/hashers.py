"""A real password hasher (Django's MD5, as the test settings use) that counts its work, so a
test can show that a refused log-in attempt never reached a password check."""

from django.contrib.auth.hashers import MD5PasswordHasher


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting_md5"
    checks = 0

    def encode(self, password, salt):
        type(self).checks += 1
        return super().encode(password, salt)

    def verify(self, password, encoded):
        type(self).checks += 1
        return super().verify(password, encoded)
