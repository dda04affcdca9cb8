"""What a new ALT types into the sign-up form."""

from accounts.models import Role

SIGN_UP = {
    "username": "newalt",
    "display_name": "Jordan (ALT)",
    "email": "jordan@example.jp",
    "role": Role.ALT,
    "school": "Minami JHS",
    "preferred_language": "en",
    "password1": "a-long-passphrase-1",
    "password2": "a-long-passphrase-1",
}
