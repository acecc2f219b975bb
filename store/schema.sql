-- The phieu database schema (store/database.h: kSchemaVersion).
-- The file is split into sections by "-- @version N" lines. A new database runs every section;
-- an older database (PRAGMA user_version = K) runs the sections after K, in one transaction.
-- So a change is a new section at the end (CREATE, ALTER ...), never an edit of an old one.
-- Every table is STRICT; foreign keys are on.

-- @version 1

-- Key/value facts about this database: created_at, created_by (program version), form_secret
-- (HMAC key for the integrity tag printed in every form's QR code; never leaves the database).
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- The survey this database is for, as given to `phieu init` (a database holds one survey).
CREATE TABLE survey (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  name            TEXT NOT NULL,
  version         TEXT NOT NULL,
  content_hash    TEXT NOT NULL,   -- SHA-256 of the canonical definition (core/survey.h)
  definition_yaml TEXT NOT NULL,   -- the definition exactly as given
  source          TEXT NOT NULL,   -- "builtin:NAME" or the file it was read from
  created_at      TEXT NOT NULL
) STRICT;

-- Each sample-list file imported with `phieu sample import`.
CREATE TABLE sample_import (
  id          INTEGER PRIMARY KEY,
  file_name   TEXT NOT NULL,
  file_sha256 TEXT NOT NULL UNIQUE,
  records     INTEGER NOT NULL,
  added       INTEGER NOT NULL,
  imported_at TEXT NOT NULL
) STRICT;

-- The sample draw (`phieu sample draw`): everything an auditor needs to recompute it.
CREATE TABLE sample_draw (
  id            INTEGER PRIMARY KEY,
  seed          TEXT NOT NULL,
  method        TEXT NOT NULL,
  frame_file    TEXT NOT NULL,
  frame_sha256  TEXT NOT NULL,
  frame_records INTEGER NOT NULL,
  stratify_by   TEXT NOT NULL,    -- '' = one stratum
  size_rule     TEXT NOT NULL,    -- e.g. 'size 200, allocated in proportion to stratum size'
  reserves      INTEGER NOT NULL, -- reserves asked for per stratum
  drawn_at      TEXT NOT NULL
) STRICT;

CREATE TABLE sample_stratum (
  draw_id    INTEGER NOT NULL REFERENCES sample_draw(id),
  stratum    TEXT NOT NULL,
  frame_size INTEGER NOT NULL,
  sampled    INTEGER NOT NULL,
  reserves   INTEGER NOT NULL,
  PRIMARY KEY (draw_id, stratum)
) STRICT;

-- Everyone in the sample list: imported, or drawn (sampled or reserve).
CREATE TABLE sample_member (
  id           TEXT PRIMARY KEY,
  position     INTEGER NOT NULL UNIQUE,  -- the sample's order (forms print in this order)
  unit         TEXT NOT NULL,
  name         TEXT NOT NULL DEFAULT '',
  address      TEXT NOT NULL DEFAULT '',
  phone        TEXT NOT NULL DEFAULT '',
  procedure    TEXT NOT NULL DEFAULT '',
  agency       TEXT NOT NULL DEFAULT '',
  completed_on TEXT NOT NULL DEFAULT '',
  collector    TEXT NOT NULL DEFAULT '',
  import_id    INTEGER REFERENCES sample_import(id),
  draw_id      INTEGER REFERENCES sample_draw(id),
  stratum      TEXT NOT NULL DEFAULT '',
  ticket       TEXT NOT NULL DEFAULT '',
  rank         INTEGER NOT NULL DEFAULT 0,           -- position in the stratum's ticket order
  drawn_as     TEXT NOT NULL CHECK (drawn_as IN ('sampled', 'reserve')),
  status       TEXT NOT NULL CHECK (status IN ('sampled', 'reserve', 'replaced')),
  CHECK ((import_id IS NULL) <> (draw_id IS NULL))
) STRICT;
CREATE INDEX sample_member_unit ON sample_member(unit);

-- Columns of the CSV that phieu does not know, kept as they were.
CREATE TABLE sample_attribute (
  member_id TEXT NOT NULL REFERENCES sample_member(id),
  ordinal   INTEGER NOT NULL,
  name      TEXT NOT NULL,
  value     TEXT NOT NULL,
  PRIMARY KEY (member_id, ordinal)
) STRICT;

-- Who replaced whom, and why (`phieu sample replace`).
CREATE TABLE sample_replacement (
  id          INTEGER PRIMARY KEY,
  replaced_id TEXT NOT NULL UNIQUE REFERENCES sample_member(id),
  reserve_id  TEXT NOT NULL UNIQUE REFERENCES sample_member(id),
  reason      TEXT NOT NULL
              CHECK (reason IN ('moved', 'deceased', 'absent', 'refused', 'wrong-address')),
  replaced_at TEXT NOT NULL
) STRICT;

-- @version 2: printed forms.

-- A template: the survey definition and the exact layout it was printed with. Scans are read
-- with the template named in their QR code, even after the definition changes.
CREATE TABLE template (
  id              TEXT PRIMARY KEY,  -- 8 hex: core/layout_json.h TemplateId()
  survey_hash     TEXT NOT NULL,
  definition_yaml TEXT NOT NULL,
  layout_json     TEXT NOT NULL,     -- core/layout_json.h
  pages           INTEGER NOT NULL,
  created_at      TEXT NOT NULL
) STRICT;

-- Every form code ever issued. A person has at most one issued form; a reprint voids the old
-- code (a voided code that comes back is flagged by verification).
CREATE TABLE form (
  code        TEXT PRIMARY KEY,      -- core/form_code.h
  sample_id   TEXT NOT NULL REFERENCES sample_member(id),
  template_id TEXT NOT NULL REFERENCES template(id),
  status      TEXT NOT NULL CHECK (status IN ('issued', 'voided')),
  issued_at   TEXT NOT NULL,
  replaces    TEXT REFERENCES form(code),  -- the voided code this one replaces
  void_reason TEXT NOT NULL DEFAULT '',
  voided_at   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE UNIQUE INDEX form_one_issued_per_person ON form(sample_id) WHERE status = 'issued';

-- Each PDF written by `phieu forms print` or `reprint`, and where each form starts in it.
CREATE TABLE print_run (
  id         INTEGER PRIMARY KEY,
  file       TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  forms      INTEGER NOT NULL,
  pages      INTEGER NOT NULL,
  printed_at TEXT NOT NULL
) STRICT;
CREATE TABLE print_item (
  print_id   INTEGER NOT NULL REFERENCES print_run(id),
  form_code  TEXT NOT NULL REFERENCES form(code),
  first_page INTEGER NOT NULL,
  PRIMARY KEY (print_id, form_code)
) STRICT;

-- @version 3: scans. Raw scores are stored; decisions are recomputed from them
-- (core/mark_decision.h) so thresholds can change without rescanning.

-- A batch of scanning: who scanned, for which collector, when the paper came back.
CREATE TABLE scan_batch (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  operator    TEXT NOT NULL,
  collector   TEXT NOT NULL DEFAULT '',
  received_on TEXT NOT NULL,             -- YYYY-MM-DD the forms were handed in
  started_at  TEXT NOT NULL
) STRICT;

-- Each scanned file, archived by content in the folder beside the database.
CREATE TABLE scan_file (
  sha256        TEXT PRIMARY KEY,
  original_path TEXT NOT NULL,
  archive_path  TEXT NOT NULL,          -- relative to the database's folder
  bytes         INTEGER NOT NULL,
  pages         INTEGER NOT NULL,
  batch_id      INTEGER NOT NULL REFERENCES scan_batch(id),
  complete      INTEGER NOT NULL DEFAULT 0,  -- 1 once every page is stored
  scanned_at    TEXT NOT NULL
) STRICT;

-- What the scanner made of each page.
CREATE TABLE scan_page (
  id            INTEGER PRIMARY KEY,
  file_sha256   TEXT NOT NULL REFERENCES scan_file(sha256),
  page_index    INTEGER NOT NULL,          -- 0-based page within the file
  outcome       TEXT NOT NULL
                CHECK (outcome IN ('read', 'unidentified', 'not-registered', 'blank', 'not-a-form')),
  reason        TEXT NOT NULL DEFAULT '',
  identified_by TEXT NOT NULL DEFAULT '',  -- 'qr' | 'ocr'
  qr_text       TEXT NOT NULL DEFAULT '',
  template_id   TEXT NOT NULL DEFAULT '',
  form_code     TEXT NOT NULL DEFAULT '',
  page          INTEGER NOT NULL DEFAULT 0,
  tag_valid     INTEGER NOT NULL DEFAULT 0,
  quarter_turns INTEGER NOT NULL DEFAULT 0,
  marks_found   INTEGER NOT NULL DEFAULT 0,
  residual_px   REAL NOT NULL DEFAULT 0,
  transform     TEXT NOT NULL DEFAULT '',  -- 9 numbers: template points -> image pixels
  paper_level   REAL NOT NULL DEFAULT 0,
  ink_level     REAL NOT NULL DEFAULT 0,
  read_at       TEXT NOT NULL,
  UNIQUE (file_sha256, page_index)
) STRICT;
CREATE INDEX scan_page_form ON scan_page(form_code);

CREATE TABLE bubble_score (
  page_id INTEGER NOT NULL REFERENCES scan_page(id),
  item    TEXT NOT NULL,
  option  TEXT NOT NULL,
  fill    REAL NOT NULL,
  ink     REAL NOT NULL,
  outside REAL NOT NULL,
  PRIMARY KEY (page_id, item, option)
) STRICT;

CREATE TABLE text_box_ink (
  page_id  INTEGER NOT NULL REFERENCES scan_page(id),
  question TEXT NOT NULL,
  ink      REAL NOT NULL,
  has_ink  INTEGER NOT NULL,
  PRIMARY KEY (page_id, question)
) STRICT;

-- Settings that change decisions, e.g. mark thresholds (mark.filled_from ...).
CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- @version 4: verification, review decisions and the tamper-evident log.

-- The hash-chained log (store/event_log.h). Each event's hash covers the previous event's hash,
-- the event's fields and records_hash, which covers the digests of the records it wrote.
CREATE TABLE event (
  seq          INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  kind         TEXT NOT NULL,   -- init, import, draw, replace, issue, reprint, print, scan, ...
  actor        TEXT NOT NULL,   -- the login that ran the command
  summary      TEXT NOT NULL,
  records_hash TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL UNIQUE
) STRICT;

-- The records an event wrote (or changed), each with the SHA-256 of its content then. The last
-- event naming a record holds the digest the record must still have.
CREATE TABLE event_record (
  event_seq INTEGER NOT NULL REFERENCES event(seq),
  record    TEXT NOT NULL,    -- kind of record: form, scan_page, decision ... (store/record_digest)
  key       TEXT NOT NULL,
  digest    TEXT NOT NULL,
  PRIMARY KEY (event_seq, record, key)
) STRICT;
CREATE INDEX event_record_key ON event_record(record, key, event_seq);

-- A person's decision on a mark or a form (`phieu review decide`). Never updated: a later
-- decision on the same item supersedes an earlier one; the machine reading is kept apart.
CREATE TABLE decision (
  id         INTEGER PRIMARY KEY,
  form_code  TEXT NOT NULL,
  item       TEXT NOT NULL,   -- answer item code; '' = the whole form
  value      TEXT NOT NULL,   -- option code(s) joined by ';', 'blank', 'invalid'; forms: 'accept', 'reject'
  machine    TEXT NOT NULL,   -- what the machine read when the person decided
  decided_by TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  decided_at TEXT NOT NULL
) STRICT;
CREATE INDEX decision_form ON decision(form_code, item);

-- Each `phieu verify` run.
CREATE TABLE verify_run (
  id           INTEGER PRIMARY KEY,
  window       TEXT NOT NULL,   -- 'YYYY-MM-DD..YYYY-MM-DD' or ''
  forms        INTEGER NOT NULL,
  accepted     INTEGER NOT NULL,
  needs_review INTEGER NOT NULL,
  rejected     INTEGER NOT NULL,
  verified_at  TEXT NOT NULL
) STRICT;

-- The latest verdict on every issued form and every code that came back (verify/verdict.h).
CREATE TABLE verdict (
  subject   TEXT PRIMARY KEY,  -- the form code as read
  sample_id TEXT NOT NULL,     -- '' for a code never issued
  unit      TEXT NOT NULL,
  collector TEXT NOT NULL,
  verdict   TEXT NOT NULL
            CHECK (verdict IN ('accepted', 'needs_review', 'rejected', 'not_returned')),
  reasons   TEXT NOT NULL,     -- reason codes joined by ' '
  notes     TEXT NOT NULL,     -- one note a line
  run_id    INTEGER NOT NULL REFERENCES verify_run(id)
) STRICT;

-- @version 5: the auditors' re-check (phúc tra) and audit bundles.

-- The draw of accepted forms to re-check (`phieu audit draw`, core/audit_draw.h): one per
-- database, so that the published seed pins the forms pulled from the paper.
CREATE TABLE audit_draw (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  seed       TEXT NOT NULL,
  method     TEXT NOT NULL,
  rate       REAL NOT NULL,
  by         TEXT NOT NULL,      -- '' | 'unit' | 'collector'
  candidates INTEGER NOT NULL,   -- accepted forms it drew from
  drawn_at   TEXT NOT NULL
) STRICT;

CREATE TABLE audit_stratum (
  draw_id  INTEGER NOT NULL REFERENCES audit_draw(id),
  name     TEXT NOT NULL,
  forms    INTEGER NOT NULL,
  selected INTEGER NOT NULL,
  PRIMARY KEY (draw_id, name)
) STRICT;

CREATE TABLE audit_pick (
  draw_id   INTEGER NOT NULL REFERENCES audit_draw(id),
  form_code TEXT NOT NULL,
  unit      TEXT NOT NULL,
  collector TEXT NOT NULL,
  stratum   TEXT NOT NULL,
  ticket    TEXT NOT NULL,
  rank      INTEGER NOT NULL,
  PRIMARY KEY (draw_id, form_code)
) STRICT;

-- What an auditor read on the paper or heard from the respondent (`phieu audit record`). Never
-- updated: a later record of the same form supersedes an earlier one.
CREATE TABLE audit_record (
  id            INTEGER PRIMARY KEY,
  form_code     TEXT NOT NULL,
  outcome       TEXT NOT NULL,   -- audit/audit_reading.h ContactOutcomeCode()
  recorded_by   TEXT NOT NULL,
  source_file   TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  recorded_at   TEXT NOT NULL
) STRICT;
CREATE INDEX audit_record_form ON audit_record(form_code);

CREATE TABLE audit_cell (
  record_id INTEGER NOT NULL REFERENCES audit_record(id),
  item      TEXT NOT NULL,
  cell      TEXT NOT NULL,       -- as in the answers export
  PRIMARY KEY (record_id, item)
) STRICT;

-- Empty in a working database. In the copy inside an audit bundle (`phieu audit export`): the
-- records whose content was withheld (the form secret; with --redact, people's names, addresses,
-- phones and extra columns), which the log check then counts as withheld instead of altered.
CREATE TABLE redaction (
  record TEXT NOT NULL,
  key    TEXT NOT NULL,
  PRIMARY KEY (record, key)
) STRICT;

-- @version 6: the scanner's stroke evidence per bubble (core/mark_decision.h BubbleScore).
-- Pages read by an older phieu have no rows here and keep being decided by the older rules.

CREATE TABLE bubble_evidence (
  page_id    INTEGER NOT NULL REFERENCES scan_page(id),
  item       TEXT NOT NULL,
  option     TEXT NOT NULL,
  coverage   REAL NOT NULL,     -- share of the inside inked
  peak       REAL NOT NULL,     -- darkness of the darkest 2 % of the inside
  cross_mask INTEGER NOT NULL,  -- ring sectors crossed by a stroke (bit per sector)
  halo_mask  INTEGER NOT NULL,  -- free halo sectors holding a stroke
  free_mask  INTEGER NOT NULL,  -- halo sectors with no print, nearest to this bubble
  ring       REAL NOT NULL,     -- how clearly registration found its printed ring (0..1)
  long_line  INTEGER NOT NULL,  -- 1: a straight line runs far through it (a fold, a crease)
  PRIMARY KEY (page_id, item, option)
) STRICT;

-- @version 7: the shape of the ink inside each bubble (core/mark_decision.h BubbleScore span,
-- thickness): a tick or small X drawn wholly inside a bubble is told from a dot or a partial fill.
-- Pages read by an older phieu have no rows here: no stroke is read from their shape.

CREATE TABLE bubble_shape (
  page_id    INTEGER NOT NULL REFERENCES scan_page(id),
  item       TEXT NOT NULL,
  option     TEXT NOT NULL,
  span       REAL NOT NULL,  -- the largest mark's extent, share of the inside's diameter
  thickness  REAL NOT NULL,  -- its inked pixels per pixel of extent, share of that diameter
  PRIMARY KEY (page_id, item, option)
) STRICT;

-- @version 8: the period a survey run belongs to, and answers collected through other channels
-- than paper (a tablet at the counter, SMS, a phone call, a web form), imported from their files.
-- Older databases get empty tables: no period set, no channel answers.

-- The run's period (core/period.h): set at `phieu init --period` or `phieu period set`, and
-- changeable only until the first page is scanned or the first channel file imported.
CREATE TABLE survey_period (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  period    TEXT NOT NULL,    -- 2026 | 2026-Q3 | 2026-07
  first_day TEXT NOT NULL,    -- YYYY-MM-DD, inclusive
  last_day  TEXT NOT NULL,
  set_at    TEXT NOT NULL
) STRICT;

-- Each channel file imported with `phieu channel import` (all of it or none). A file is known by
-- its content: importing the same bytes again changes nothing.
CREATE TABLE channel_import (
  id          INTEGER PRIMARY KEY,
  channel     TEXT NOT NULL CHECK (channel IN ('tablet', 'sms', 'phone', 'web')),
  file_name   TEXT NOT NULL,
  file_sha256 TEXT NOT NULL UNIQUE,
  map_file    TEXT NOT NULL,
  map_sha256  TEXT NOT NULL,
  responses   INTEGER NOT NULL,
  imported_at TEXT NOT NULL
) STRICT;

-- One respondent's answers from a channel file: no form, no scan, no sample member.
CREATE TABLE channel_response (
  id          INTEGER PRIMARY KEY,
  import_id   INTEGER NOT NULL REFERENCES channel_import(id),
  channel     TEXT NOT NULL,
  external_id TEXT NOT NULL,    -- the channel's own id of the answer (kiosk, SMS gateway ...)
  unit        TEXT NOT NULL,    -- the office answered about: a unit of the sample list
  answered_on TEXT NOT NULL,    -- YYYY-MM-DD, inside the period
  line        INTEGER NOT NULL, -- where it stands in its file
  UNIQUE (channel, external_id)
) STRICT;

CREATE TABLE channel_answer (
  response_id INTEGER NOT NULL REFERENCES channel_response(id),
  item        TEXT NOT NULL,    -- answer item code (Q9.15)
  value       TEXT NOT NULL,    -- option code(s) joined by ';'; '' = left blank
  PRIMARY KEY (response_id, item)
) STRICT;

-- @version 9: the people who may sign in to the review station (`phieu users add`, `phieu serve`).
-- Accounts are access, not survey data: adding one is logged as an event that writes no record
-- (its password hash is never digested), and the copy inside an audit bundle keeps no account.

CREATE TABLE station_user (
  name          TEXT PRIMARY KEY,
  role          TEXT NOT NULL CHECK (role IN ('reviewer', 'supervisor')),
  password_hash TEXT NOT NULL,   -- libsodium's argon2id string (crypto_pwhash_str)
  added_at      TEXT NOT NULL
) STRICT;

-- @version 10: the delivery check of the re-check draw (core/audit_draw.h DeliveryDraw): a share
-- of the issued forms that never came back, whose person is asked whether they received the form.
-- A draw stored by an older phieu has no row here: it had no delivery check.

CREATE TABLE audit_delivery (
  draw_id    INTEGER PRIMARY KEY REFERENCES audit_draw(id),
  rate       REAL NOT NULL,      -- share of the unreturned forms (above 0: 0 stores no row)
  candidates INTEGER NOT NULL    -- unreturned forms it drew from
) STRICT;

CREATE TABLE audit_delivery_stratum (
  draw_id  INTEGER NOT NULL REFERENCES audit_delivery(draw_id),
  name     TEXT NOT NULL,
  forms    INTEGER NOT NULL,
  selected INTEGER NOT NULL,
  PRIMARY KEY (draw_id, name)
) STRICT;

CREATE TABLE audit_delivery_pick (
  draw_id   INTEGER NOT NULL REFERENCES audit_delivery(draw_id),
  form_code TEXT NOT NULL,
  unit      TEXT NOT NULL,
  collector TEXT NOT NULL,
  stratum   TEXT NOT NULL,
  ticket    TEXT NOT NULL,
  rank      INTEGER NOT NULL,
  PRIMARY KEY (draw_id, form_code)
) STRICT;

-- @version 11: write-ins: what a person typed from a free-text box of a scanned form ("Ý kiến
-- khác", "Khác: ..."). A transcription is a person's record like a decision: never updated, a
-- later one on the same box supersedes the earlier ones. The text is the respondent's own words:
-- exported only when asked (`phieu export answers --with-text`), never printed in the report, and
-- emptied in a redacted audit bundle. Older databases get an empty table.

CREATE TABLE writein (
  id             INTEGER PRIMARY KEY,
  form_code      TEXT NOT NULL,
  page           INTEGER NOT NULL,  -- the form's page the box is printed on (1-based)
  box            TEXT NOT NULL,     -- the box's name in the layout: 'Q11', 'Q2.8.other'
  state          TEXT NOT NULL CHECK (state IN ('text', 'illegible', 'empty')),
  text           TEXT NOT NULL,     -- UTF-8 as typed; '' unless state = 'text'
  page_id        INTEGER NOT NULL REFERENCES scan_page(id),  -- the scan it was read from
  transcribed_by TEXT NOT NULL,
  transcribed_at TEXT NOT NULL
) STRICT;
CREATE INDEX writein_box ON writein(form_code, box, id);
