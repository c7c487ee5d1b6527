"""One spec that triggers each rule and one close to it that does not."""

from __future__ import annotations

OWNED_NOTE = """entity Note {
  author: User owner on_delete(cascade)
  body: string
  timestamps
  %s
}"""
INTEGRATION = """integration mailer {
  url "https://mail.example.com"
  %s
}"""
PAYMENT = """entity Payment {
  payer: User owner on_delete(restrict)
  amount: decimal(10,2) min(0)
  allow create: authenticated
  allow read: owner
  allow update, delete: admin
}
"""
CART = """entity Cart {
  buyer: User owner on_delete(cascade)
  allow all: owner
  action checkout: post on item by owner limit 10/minute per user idempotent
}
"""
ERASE = "action personal_data: delete on item by owner idempotent"

# rule id → (spec that triggers it, spec that does not)
CASES: dict[str, tuple[str, str]] = {
    "SEC001": (OWNED_NOTE % "allow read: owner", OWNED_NOTE % "allow all: owner"),
    "SEC002": (
        OWNED_NOTE % "allow read, list: authenticated\n  allow write: owner",
        OWNED_NOTE % "allow read, list, write: owner",
    ),
    "SEC003": (
        OWNED_NOTE % "allow all: owner\n  action archive: post on item by authenticated",
        OWNED_NOTE % "allow all: owner\n  action archive: post on item by owner",
    ),
    "SEC004": (
        "entity Video {\n  user: User on_delete(cascade)\n  title: string\n}",
        "entity Video {\n  user: User owner on_delete(cascade)\n  title: string\n"
        "  allow all: owner\n}",
    ),
    "SEC005": (
        OWNED_NOTE % "allow all: owner",
        OWNED_NOTE % "public_id: uuid unique = uuid readonly\n  allow all: owner",
    ),
    "SEC006": (
        "entity User {\n  email: email unique pii(contact)\n  allow read: authenticated\n}",
        "entity User {\n  email: email unique pii(contact)\n  allow read: authenticated\n"
        "  allow update, delete: admin\n}",
    ),
    "SEC007": (
        "entity Product {\n  name: string\n  allow read, list: anyone\n}",
        "entity Product {\n  name: string\n  allow read, list: anyone\n  allow write: admin\n}",
    ),
    "SEC008": (
        "entity Post {\n  title: string\n  allow all: admin\n"
        "  action refund: post on item by authenticated\n}",
        "entity Post {\n  title: string\n  allow all: admin\n"
        "  action refund: post on item by admin\n}",
    ),
    "SEC009": (
        "entity Doc {\n  title: string\n  allow read, list: anyone\n"
        "  allow create, update: admin\n  allow delete: authenticated\n}",
        "entity Doc {\n  title: string\n  allow read, list: anyone\n  allow write: admin\n}",
    ),
    "SEC010": (
        'project t {\n  auth none\n  database postgresql\n  version "1.0.0"\n}\n\n'
        "entity Note {\n  body: string\n}",
        'project t {\n  auth none\n  database postgresql\n  version "1.0.0"\n}',
    ),
    "SEC011": (
        "entity Key {\n  holder: User owner on_delete(cascade)\n  api_key: string(64)\n"
        "  allow all: owner\n}",
        "entity Key {\n  holder: User owner on_delete(cascade)\n  api_key: string(64) writeonly\n"
        "  allow all: owner\n}",
    ),
    "SEC012": (
        "entity Device {\n  name: string\n  allow all: admin\n"
        "  action verify_pin: post on item by admin\n}",
        "entity Device {\n  name: string\n  allow all: admin\n"
        "  action verify_pin: post on item by admin limit 5/minute per user\n}",
    ),
    "SEC013": (
        "entity User {\n  email: email unique pii(contact)\n  allow all: admin\n"
        "  action change_password: post on item by authenticated\n}",
        "entity User {\n  email: email unique pii(contact)\n  allow all: admin\n"
        "  action change_password: post on item by admin\n}",
    ),
    "SEC014": (
        "entity Job {\n  name: string\n  allow all: admin\n"
        "  action debug_dump: get on collection by authenticated\n}",
        "entity Job {\n  name: string\n  allow all: admin\n"
        "  action debug_dump: get on collection by admin\n}",
    ),
    "SEC015": (
        'project t {\n  auth jwt\n  database postgresql\n  version "1.0.0"\n  cors "*"\n}',
        'project t {\n  auth jwt\n  database postgresql\n  version "1.0.0"\n'
        '  cors "https://app.example.com"\n}',
    ),
    "SEC016": (
        'project t {\n  auth jwt\n  database postgresql\n  version "1.0.0"\n'
        '  cors "http://app.example.com"\n}',
        'project t {\n  auth jwt\n  database postgresql\n  version "1.0.0"\n'
        '  cors "http://localhost:5173"\n}',
    ),
    "SEC017": (
        "project t {\n  auth jwt\n  database postgresql\n}",
        'project t {\n  auth jwt\n  database postgresql\n  version "2.0.0"\n}',
    ),
    "SEC018": (
        "entity Job {\n  name: string\n  allow all: admin\n"
        "  action export_legacy: get on collection by admin\n}",
        "entity Job {\n  name: string\n  allow all: admin\n"
        "  action export_csv: get on collection by admin\n}",
    ),
    "SEC019": (
        "entity User {\n  email: email unique pii(contact)\n  allow read, list: anyone\n"
        "  allow update, delete: admin\n}",
        "entity User {\n  email: email unique pii(contact)\n  allow read, list: authenticated\n"
        "  allow update, delete: admin\n}",
    ),
    "SEC020": (
        "entity Account {\n  holder: User owner on_delete(cascade)\n  is_admin: bool = false\n"
        "  allow all: owner\n}",
        "entity Account {\n  holder: User owner on_delete(cascade)\n"
        "  is_admin: bool = false readonly\n  allow all: owner\n}",
    ),
    "SEC021": (
        "entity Task {\n  title: string\n  assignee: User on_delete(cascade)\n"
        "  creator: User owner on_delete(cascade)\n  allow all: owner\n}",
        "entity Task {\n  title: string\n  assignee: User optional readonly on_delete(set_null)\n"
        "  creator: User owner on_delete(cascade)\n  allow all: owner\n}",
    ),
    "SEC022": (
        "entity Line {\n  buyer: User owner on_delete(cascade)\n  quantity: int\n"
        "  allow all: owner\n}",
        "entity Line {\n  buyer: User owner on_delete(cascade)\n  quantity: int min(1)\n"
        "  allow all: owner\n}",
    ),
    "SEC023": (
        "entity Video {\n  title: string\n  internal_notes: text optional\n  allow all: admin\n}",
        "entity Video {\n  title: string\n  internal_notes: text optional readable(admin)\n"
        "  allow all: admin\n}",
    ),
    "SEC024": (
        OWNED_NOTE % "cache 1m\n  allow all: owner",
        OWNED_NOTE % "allow all: owner",
    ),
    "SEC026": (
        "entity Book {\n  title: string\n  owner: string(80)\n  allow all: admin\n}",
        "entity Book {\n  title: string\n  publisher: string(80)\n  allow all: admin\n}",
    ),
    "SEC030": (
        "entity Report {\n  name: string\n  allow all: admin\n"
        "  action export_csv: get on collection by admin\n}",
        "entity Report {\n  name: string\n  allow all: admin\n"
        "  action export_csv: get on collection by admin limit 5/hour per user\n}",
    ),
    "SEC031": (
        "entity Message {\n  body: string\n  allow create: anyone\n"
        "  allow read, list, update, delete: admin\n}",
        "entity Message {\n  body: string\n  allow create: anyone\n"
        "  allow read, list, update, delete: admin\n  limit create: 10/minute per ip\n}",
    ),
    "SEC032": (
        OWNED_NOTE % "attachment: file\n  allow all: owner",
        OWNED_NOTE
        % "attachment: file\n  allow all: owner\n  limit create, update: 30/hour per user",
    ),
    "SEC033": (
        'entity Code {\n  value: string pattern("^([a-z]+)+$")\n  allow all: admin\n}',
        'entity Code {\n  value: string pattern("^[a-z]+$")\n  allow all: admin\n}',
    ),
    "SEC034": (
        "entity Post {\n  body: text\n  allow all: admin\n}",
        "entity Post {\n  body: text max_length(2000)\n  allow all: admin\n}",
    ),
    "SEC040": (
        "entity Booking {\n  guest: User owner on_delete(cascade)\n  seats: int min(1)\n"
        "  allow create: authenticated\n  allow all: owner\n}",
        "entity Booking {\n  guest: User owner on_delete(cascade)\n  seats: int min(1)\n"
        "  allow create: authenticated\n  allow all: owner\n  limit create: 5/hour per user\n}",
    ),
    "SEC041": (
        "entity Cart {\n  buyer: User owner on_delete(cascade)\n  allow all: owner\n"
        "  action checkout: post on item by owner idempotent\n}",
        CART,
    ),
    "SEC042": (
        PAYMENT,
        PAYMENT
        + "\nflow pay {\n  steps Payment.create\n  limit 10/minute per user\n  idempotent\n}",
    ),
    "SEC043": (
        CART + "\nflow buy {\n  steps Cart.checkout\n  idempotent\n}",
        CART + "\nflow buy {\n  steps Cart.checkout\n  limit 10/minute per user\n  idempotent\n}",
    ),
    "SEC044": (
        CART + "\nflow buy {\n  steps Cart.checkout\n  limit 10/minute per user\n}",
        CART + "\nflow buy {\n  steps Cart.checkout\n  limit 10/minute per user\n  idempotent\n}",
    ),
    "SEC050": (
        INTEGRATION % "retries 2 backoff exponential\n  circuit_breaker\n  validate_response",
        INTEGRATION % "timeout 5s\n  retries 2 backoff exponential\n  circuit_breaker",
    ),
    "SEC051": (
        INTEGRATION % "timeout 5s\n  retries 3",
        INTEGRATION % "timeout 5s\n  retries 3 backoff exponential",
    ),
    "SEC052": (
        INTEGRATION % "timeout 5s",
        INTEGRATION % "timeout 5s\n  validate_response",
    ),
    "SEC053": (
        INTEGRATION % "timeout 5s",
        INTEGRATION % "timeout 5s\n  circuit_breaker",
    ),
    "SEC054": (
        PAYMENT + "\n" + INTEGRATION % "timeout 5s\n  retries 2 backoff exponential\n"
        "  used_by Payment.create",
        PAYMENT + "\n" + INTEGRATION % "timeout 5s\n  used_by Payment.create",
    ),
    "SEC055": (
        "integration mailer {\n  timeout 5s\n}",
        INTEGRATION % "timeout 5s",
    ),
    "SEC056": (
        "entity Hook {\n  holder: User owner on_delete(cascade)\n  callback_url: url\n"
        "  allow all: owner\n}",
        "entity Hook {\n  holder: User owner on_delete(cascade)\n  homepage: url\n"
        "  allow all: owner\n}",
    ),
    "PRIV001": (
        "entity Patient {\n  account: one User owner on_delete(cascade)\n"
        "  phone: string(20) pii(contact)\n  allow all: owner\n}",
        "entity Patient {\n  account: one User owner on_delete(cascade)\n"
        "  phone: string(20) pii(contact) retention(2y)\n  allow all: owner\n}",
    ),
    "PRIV002": (
        "entity Patient {\n  account: one User owner on_delete(cascade)\n"
        "  phone: string(20) pii(contact)\n  filter phone\n  allow all: owner\n}",
        "entity Patient {\n  account: one User owner on_delete(cascade)\n"
        "  phone: string(20) pii(contact)\n  allow all: owner\n}",
    ),
    "PRIV003": (
        "entity Contact {\n  name: string pii(identity)\n  allow read, list: authenticated\n"
        "  allow write: admin\n}",
        "entity Contact {\n  name: string pii(identity) readable(admin)\n"
        "  allow read, list: authenticated\n  allow write: admin\n}",
    ),
    "PRIV004": (
        "entity Thing {\n  name: string\n  allow all: admin\n}",
        "entity Profile {\n  account: one User owner on_delete(cascade)\n  allow all: owner\n"
        f"  {ERASE}\n}}",
    ),
    "PRIV005": (
        "entity Thing {\n  name: string\n  allow all: admin\n}",
        "entity Profile {\n  account: one User owner on_delete(cascade)\n  allow all: owner\n"
        "  action personal_data: get on item by owner\n}",
    ),
    "PRIV006": (
        "entity Profile {\n  account: one User owner on_delete(cascade)\n"
        "  city: string pii(location)\n  allow read, list: anyone\n  allow write: owner\n}",
        "entity Profile {\n  account: one User owner on_delete(cascade)\n"
        "  city: string pii(location) readable(owner)\n  allow read, list: anyone\n"
        "  allow write: owner\n}",
    ),
    "PRIV007": (
        "entity Lead {\n  phone_number: string(20)\n  allow all: admin\n}",
        "entity Lead {\n  phone_number: string(20) pii(contact)\n  allow all: admin\n}",
    ),
    "PRIV008": (
        "entity Record {\n  patient: User owner on_delete(cascade)\n"
        "  diagnosis: text pii(health) retention(10y)\n  allow all: owner\n}",
        "entity Record {\n  patient: User owner on_delete(cascade)\n"
        "  diagnosis: text pii(health) retention(10y) readable(owner)\n  allow all: owner\n}",
    ),
    "PRIV009": (
        "entity Msg {\n  author: User owner on_delete(cascade)\n  body: text pii\n"
        "  timestamps\n  soft_delete\n  allow all: owner\n}",
        "entity Msg {\n  author: User owner on_delete(cascade)\n  body: text pii\n"
        "  timestamps\n  soft_delete\n  retention 1y\n  allow all: owner\n}",
    ),
    "PERF001": (
        "entity Log {\n  line: string\n  paginate none\n  allow all: admin\n}",
        "entity Log {\n  line: string\n  paginate cursor 20 max 100\n  allow all: admin\n}",
    ),
    "PERF002": (
        "entity Ticket {\n  status: string(20)\n  filter status\n  rows 50000\n"
        "  allow all: admin\n}",
        "entity Ticket {\n  status: string(20) index\n  filter status\n  rows 50000\n"
        "  allow all: admin\n}",
    ),
    "PERF003": (
        "entity Doc {\n  title: string\n  search title\n  rows 500000\n  allow all: admin\n}",
        "entity Doc {\n  title: string\n  search title\n  rows 5000\n  allow all: admin\n}",
    ),
    "PERF004": (
        "entity Event {\n  author: User owner on_delete(cascade)\n  at: datetime\n  sort at\n"
        "  rows 1000000\n  allow all: owner\n}",
        "entity Event {\n  author: User owner on_delete(cascade)\n  at: datetime\n  sort at\n"
        "  index (author, at)\n  rows 1000000\n  allow all: owner\n}",
    ),
    "PERF005": (
        "entity Shipment {\n  status: string(20) index\n  region: string(20) index\n"
        "  filter status, region\n  rows 200000\n  allow all: admin\n}",
        "entity Shipment {\n  status: string(20)\n  region: string(20)\n  filter status, region\n"
        "  index (status, region)\n  rows 200000\n  allow all: admin\n}",
    ),
    "PERF006": (
        "entity Post {\n  title: string\n  tags: [Tag]\n  allow all: admin\n}\n\n"
        "entity Tag {\n  name: string\n  allow all: admin\n}",
        "entity Tag {\n  name: string\n  allow all: admin\n}",
    ),
    "PERF007": (
        "entity Article {\n  body: text\n  allow all: admin\n}",
        "entity Article {\n  body: text max_length(2000)\n  allow all: admin\n}",
    ),
    "PERF008": (
        "entity Product {\n  stock: int\n  allow read: anyone\n  allow write: admin, staff\n}",
        "entity Product {\n  stock: int\n  optimistic_lock\n  allow read: anyone\n"
        "  allow write: admin, staff\n}",
    ),
    "PERF009": (
        "project t {\n  auth jwt\n  roles admin\n  database postgresql\n  load rps 100, reads 90%\n"
        '  version "1.0.0"\n}\n\n'
        "entity Product {\n  name: string\n  allow read, list: anyone\n  allow write: admin\n}",
        "project t {\n  auth jwt\n  roles admin\n  database postgresql\n  load rps 100, reads 90%\n"
        '  version "1.0.0"\n}\n\n'
        "entity Product {\n  name: string\n  cache 1m\n  allow read, list: anyone\n"
        "  allow write: admin\n}",
    ),
    "PERF010": (
        "entity Log {\n  line: string\n  rows 2000000\n  allow all: admin\n}",
        "entity Log {\n  line: string\n  paginate cursor 20 max 100\n  rows 2000000\n"
        "  allow all: admin\n}",
    ),
    "DES001": (
        PAYMENT + "\n" + INTEGRATION % "timeout 5s\n  used_by Payment.create",
        PAYMENT + "\n" + INTEGRATION % "timeout 5s\n  used_by Payment.read",
    ),
    "DES002": (
        INTEGRATION % "timeout 5s",
        PAYMENT + "\n" + INTEGRATION % "timeout 5s\n  used_by Payment.read",
    ),
    "DES003": (
        "entity Invoice {\n  total: float min(0)\n  allow all: admin\n}",
        "entity Invoice {\n  total: decimal(10,2) min(0)\n  allow all: admin\n}",
    ),
    "DES004": (
        "entity Item {\n  category: Category\n  allow all: admin\n}\n\n"
        "entity Category {\n  name: string\n  allow all: admin\n}",
        "entity Item {\n  category: Category on_delete(restrict)\n  allow all: admin\n}\n\n"
        "entity Category {\n  name: string\n  allow all: admin\n}",
    ),
    "DES005": (
        "entity Invoice {\n  number: string\n  allow all: admin\n}",
        "entity Invoice {\n  number: string\n  soft_delete\n  allow all: admin\n}",
    ),
    "DES006": (
        "entity Note {\n  author: User owner on_delete(cascade)\n  allow all: owner\n}",
        "entity Note {\n  author: User owner on_delete(cascade)\n  timestamps\n"
        "  allow all: owner\n}",
    ),
}
