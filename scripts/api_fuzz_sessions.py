"""Signs in the demo callers a fuzz run needs and writes the Schemathesis configuration.

Used by scripts/api-fuzz.sh against a fresh development server (demo data seeded). Reads the
server's OpenAPI document and, for every operation, gives Schemathesis the credentials its
`security` requirement names:

  * `staff_session` (the staff cookie), whose scopes list the roles allowed: a demo member of
    staff with one of those roles, signed in through the staff sign-in form with the demo TOTP
    secret;
  * `bearer` (a resident's access token): a resident signed in with a one-time code read from
    the development outbox. The operations that end a sign-in (sign out, withdraw a consent)
    each get a resident of their own, so they cannot sign the others out halfway.

The operations that change another member of staff (their role, sessions, sign-in, whether the
account is enabled) are pointed at
a member of staff created for the run, so the fuzzer (which reuses ids it has seen in answers)
cannot change the role of, or sign out, the demo staff it calls the other operations as.

Only the standard library; run as `python3 api_fuzz_sessions.py BASE_URL CONFIG_OUT`.
"""

import base64
import hashlib
import hmac
import json
import re
import struct
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

# The demo staff seeded by server/src/services/staff.rs (development only), by role.
DEMO_STAFF = {
    "system_admin": ("admin", "Dongxihu-Admin-2026", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
    "caseworker": ("wjs-caseworker", "Wujiashan-Case-2026", "KRSXG5DTMVRXEZLUKRSXG5DTMVRXEZLU"),
    "coordinator": (
        "wjs-coordinator",
        "Wujiashan-Volunteer-2026",
        "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
    ),
    "charity_staff": (
        "charity-staff",
        "Dongxihu-Charity-2026",
        "MNUGC4TJORMXG5DBMZTGG2DBOJUXI6LT",
    ),
    "policy_admin": ("policy-admin", "Dongxihu-Policy-2026", "ONSWG4TFORYG63DJMN4WC5DNNFXGS43U"),
}

# Operations that end the caller's own sign-in: each gets a resident nobody else uses.
SESSION_ENDERS = {
    ("POST", "/api/v1/auth/sign-out"),
    ("POST", "/api/v1/auth/sign-out-everywhere"),
    ("POST", "/api/v1/me/consents/{purpose}/withdraw"),
}


# Operations whose `id` is a member of staff: always the one created for the run.
STAFF_TARGETS = {
    ("POST", "/api/v1/staff/users/{id}/role"),
    ("POST", "/api/v1/staff/users/{id}/end-sessions"),
    ("POST", "/api/v1/staff/users/{id}/reset"),
    ("POST", "/api/v1/staff/users/{id}/disable"),
    ("POST", "/api/v1/staff/users/{id}/enable"),
}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def call(base, method, path, body=None, form=None, headers=None):
    headers = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["content-type"] = "application/json"
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["content-type"] = "application/x-www-form-urlencoded"
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        res = OPENER.open(req, timeout=30)
    except urllib.error.HTTPError as e:
        res = e
    return res.status, res.headers, res.read().decode("utf-8", "replace")


def totp(secret_b32, at):
    key = base64.b32decode(secret_b32)
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[19] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def staff_cookie(base, role):
    username, password, secret = DEMO_STAFF[role]
    form = {"username": username, "password": password, "code": totp(secret, time.time())}
    status, headers, text = call(base, "POST", "/staff/signin", form=form)
    for value in headers.get_all("set-cookie") or []:
        m = re.match(r"staff=([^;]+)", value)
        if m:
            return m.group(1)
    sys.exit(f"error: demo staff {username} could not sign in ({status}): {text[:300]}")


def resident_token(base, n):
    phone = f"1380000{n:04d}"
    status, _, text = call(base, "POST", "/api/v1/auth/code", body={"phone": phone})
    if status != 202:
        sys.exit(f"error: no sign-in code for {phone} ({status}): {text[:300]}")
    _, _, page = call(base, "GET", "/dev/outbox")
    masked = f"{phone[:3]}****{phone[-4:]}"
    m = re.search(re.escape(masked) + r"</strong> \(\d+\): [^<]*?(\d{6})", page)
    if not m:
        sys.exit(f"error: the sign-in code for {masked} is not in the development outbox")
    status, _, text = call(
        base,
        "POST",
        "/api/v1/auth/verify",
        body={"phone": phone, "code": m.group(1), "consent": True},
    )
    if status != 200:
        sys.exit(f"error: resident {masked} could not sign in ({status}): {text[:300]}")
    return json.loads(text)["access_token"]


def staff_target(base, admin_cookie):
    member = {
        "username": "fuzz-target",
        "display_name": "Fuzz target",
        "role": "coordinator",
    }
    admin = {"cookie": f"staff={admin_cookie}"}
    status, _, text = call(base, "POST", "/api/v1/staff/users", body=member, headers=admin)
    if status != 201:
        sys.exit(f"error: could not create the staff member to fuzz ({status}): {text[:300]}")
    return json.loads(text)["user_id"]


def toml_string(s):
    return json.dumps(s, ensure_ascii=False)


def main():
    base, out = sys.argv[1].rstrip("/"), sys.argv[2]
    _, _, text = call(base, "GET", "/api/v1/openapi.json")
    doc = json.loads(text)
    cookies = {}
    residents = {}
    target = None
    blocks = []
    for path, item in sorted(doc["paths"].items()):
        for method, op in sorted(item.items()):
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            key = (method.upper(), path)
            headers = {}
            for requirement in op.get("security") or []:
                if "staff_session" in requirement:
                    roles = [r for r in requirement["staff_session"] if r in DEMO_STAFF]
                    if not roles:
                        sys.exit(f"error: no demo staff member for {key} ({requirement})")
                    role = roles[0]
                    if role not in cookies:
                        cookies[role] = staff_cookie(base, role)
                    headers["Cookie"] = f"staff={cookies[role]}"
                elif "bearer" in requirement:
                    who = f"{method} {path}" if key in SESSION_ENDERS else "resident"
                    if who not in residents:
                        residents[who] = resident_token(base, len(residents) + 1)
                    headers["Authorization"] = f"Bearer {residents[who]}"
            parameters = {}
            if key in STAFF_TARGETS:
                if target is None:
                    target = staff_target(base, cookies["system_admin"])
                parameters["path.id"] = target
            if headers or parameters:
                name = toml_string(f"{method.upper()} {path}")
                lines = ["[[operations]]", f"include-name = {name}"]
                for table_name, table in (("headers", headers), ("parameters", parameters)):
                    if table:
                        pairs = ", ".join(f"{toml_string(k)} = {toml_string(v)}" for k, v in table.items())
                        lines.append(f"{table_name} = {{ {pairs} }}")
                blocks.append("\n".join(lines))
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Written by scripts/api_fuzz_sessions.py for one run; holds live sessions.\n")
        f.write("[generation]\ndatabase = \"none\"\n\n")
        f.write("\n\n".join(blocks) + "\n")
    print(
        f"signed in {len(cookies)} demo staff ({', '.join(sorted(cookies))}) and "
        f"{len(residents)} residents; credentials for {len(blocks)} operations"
    )


if __name__ == "__main__":
    main()
