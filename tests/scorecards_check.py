"""The scorecards end to end, checked from outside (issue 16 part 4).

Two quarters of tablet and SMS answers about six offices in three districts of two provinces are
imported into two databases; `phieu report --compare` writes the scorecards as CSV and PDF. This
script recomputes every office's, district's and province's 0-10 score from `phieu export
answers` alone, with its own reading of the definition (an answer's score is (level - 1) * 2.5,
a respondent's the mean of their scored index answers, an area's the mean of its respondents',
the 95 % interval Student's t from scipy), the rank bands from those intervals, and compares
them with the CSV (2 decimals); then it reads the PDF back (pdftotext) for the scorecard pages.

    /usr/bin/python3 tests/scorecards_check.py PHIEU_BINARY
"""

import csv
import html
import io
import math
import random
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from scipy import stats

PHIEU = sys.argv[1]
UNITS = {  # unit -> (district, province)
    "Một cửa Ba Đình": ("Quận Ba Đình", "Hà Nội"),
    "Một cửa Hoàn Kiếm": ("Quận Hoàn Kiếm", "Hà Nội"),
    "Một cửa Tây Hồ": ("Quận Tây Hồ", "Hà Nội"),
    "Một cửa Hải Châu": ("Quận Hải Châu", "Đà Nẵng"),
    "Một cửa Sơn Trà": ("Quận Hải Châu", "Đà Nẵng"),
    "Một cửa Thanh Khê": ("Quận Hải Châu", "Đà Nẵng"),
}
# Office -> answers per quarter: one under the suppression threshold (10), one flagged (< 30).
ANSWERS = [80, 60, 45, 40, 20, 6]
# Office -> its answers' mean level: Hoàn Kiếm and Tây Hồ alike, so they share a rank band.
LEVELS = [2.0, 3.0, 3.05, 3.8, 4.2, 4.0]
LABELS = ["Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"]
SMS_ITEMS = ["Q9.15", "Q9.16", "Q9.17", "Q9.18", "Q9.19"]
KIOSK_ITEMS = [f"Q9.{k}" for k in range(15, 34)]


def run(*args, cwd):
    r = subprocess.run([PHIEU, *args], cwd=cwd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"phieu {' '.join(args)}: exit {r.returncode}\n{r.stderr}")
    return r.stdout


def write_quarter(d: Path, q: int, rnd: random.Random):
    months = [3 * q - 2, 3 * q - 1, 3 * q]
    kiosk = ["ma,don_vi,ngay," + ",".join(KIOSK_ITEMS)]
    sms = ["msg,office,date," + ",".join(f"q{i + 1}" for i in range(len(SMS_ITEMS)))]
    for u, (unit, n) in enumerate(zip(UNITS, ANSWERS)):
        level = LEVELS[u] + (q - 1) * 0.3
        for r in range(n):
            cells = [min(5, max(1, round(level + rnd.gauss(0, 1)))) for _ in KIOSK_ITEMS]
            day = f"{1 + r % 28:02d}"
            month = f"{months[r % 3]:02d}"
            if r % 2 == 0:
                row = [f"K{q}-{u}-{r}", unit, f"{day}/{month}/2026"]
                row += ["-" if rnd.random() < 0.05 else LABELS[c - 1] for c in cells]
                kiosk.append(",".join(row))
            else:
                row = [f"M{q}-{u}-{r}", unit, f"2026-{month}-{day}"]
                row += ["" if rnd.random() < 0.05 else str(c) for c in cells[: len(SMS_ITEMS)]]
                sms.append(",".join(row))
    (d / f"tablet-q{q}.csv").write_text("\n".join(kiosk) + "\n", encoding="utf-8")
    (d / f"sms-q{q}.csv").write_text("\n".join(sms) + "\n", encoding="utf-8")


def maps(d: Path):
    kiosk = "channel: tablet\nid: ma\nunit: don_vi\ndate: ngay\ndate_format: DD/MM/YYYY\nvalues:\n"
    kiosk += "".join(f'  "{label}": "{i + 1}"\n' for i, label in enumerate(LABELS))
    kiosk += 'blank: ["-"]\nquestions:\n' + "".join(f'  {i}: "{i}"\n' for i in KIOSK_ITEMS)
    (d / "tablet.yaml").write_text(kiosk, encoding="utf-8")
    sms = "channel: sms\nid: msg\nunit: office\ndate: date\nquestions:\n"
    sms += "".join(f"  {item}: q{i + 1}\n" for i, item in enumerate(SMS_ITEMS))
    (d / "sms.yaml").write_text(sms, encoding="utf-8")
    sample = "id,unit,district,province\n" + "".join(
        f"S{i},{u},{dp[0]},{dp[1]}\n" for i, (u, dp) in enumerate(UNITS.items()))
    (d / "sample.csv").write_text(sample, encoding="utf-8")


def index_items():
    """The index items of sipas-2022: Q9.1 .. Q9.33 (every one is in a group)."""
    return [f"Q9.{k}" for k in range(1, 34)]


def respondent_scores(answers_csv: str):
    """(level, area) -> every respondent's 0-10 score, from the exported answers alone."""
    rows = list(csv.DictReader(io.StringIO(answers_csv.lstrip("\ufeff"))))
    per_area = {}
    for row in rows:
        if row["status"] != "accepted":
            continue
        scores = [(int(row[i]) - 1) * 2.5 for i in index_items()
                  if row.get(i) in {"1", "2", "3", "4", "5"}]
        if not scores:
            continue
        s = sum(scores) / len(scores)
        district, province = UNITS[row["unit"]]
        for key in (("unit", row["unit"]), ("district", district), ("province", province)):
            per_area.setdefault(key, []).append(s)
    return per_area


def expected_scores(answers_csv: str):
    """(level, area) -> (respondents, mean, lower, upper) from the exported answers alone."""
    per_area = respondent_scores(answers_csv)
    result = {}
    for key, values in per_area.items():
        n = len(values)
        mean = sum(values) / n
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else 0.0
        half = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n) if n > 1 else None
        result[key] = (n, mean, None if half is None else mean - half,
                       None if half is None else mean + half)
    return result


def rank_bands(figures):
    """name -> 'best-worst' among reliable areas, from (lower, upper) intervals."""
    bands = {}
    for name, (lo, hi) in figures.items():
        best = 1 + sum(1 for o, (l2, h2) in figures.items() if l2 > hi)
        worst = sum(1 for o, (l2, h2) in figures.items() if h2 >= lo)
        bands[name] = str(best) if best == worst else f"{best}-{worst}"
    return bands


def xlsx_rows(path: Path, sheet: int):
    """The rows of sheet `sheet` (1-based) as {column letter: text or number}."""
    with zipfile.ZipFile(path) as z:
        shared = [html.unescape(re.sub(r"<[^>]+>", "", si)) for si in
                  re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode())]
        xml = z.read(f"xl/worksheets/sheet{sheet}.xml").decode()
    rows = []
    for row in re.findall(r"<row [^>]*>(.*?)</row>", xml):
        cells = {}
        for ref, attrs, value in re.findall(r'<c r="([A-Z]+)\d+"([^>]*)>(?:<v>([^<]*)</v>)?', row):
            if 't="s"' in attrs:
                cells[ref] = shared[int(value)]
            elif value:
                cells[ref] = float(value)
        rows.append(cells)
    return rows


def close(text, value):
    return text != "" and abs(float(text) - value) <= 0.005 + 1e-9


def main():
    failures = []
    with tempfile.TemporaryDirectory(prefix="phieu-scorecards-") as tmp:
        d = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tmp)  # a folder to keep, to look at
        maps(d)
        rnd = random.Random(16)
        for q in (1, 2):
            db = f"q{q}.db"
            run("init", "--survey", "sipas-2022", "--period", f"2026-Q{q}", "--db", db, cwd=d)
            run("sample", "import", "sample.csv", "--db", db, cwd=d)
            write_quarter(d, q, rnd)
            for channel in ("tablet", "sms"):
                run("channel", "import", f"{channel}-q{q}.csv", "--channel", channel, "--map",
                    f"{channel}.yaml", "--db", db, cwd=d)
        run("report", "--out", "q2.pdf", "--compare", "q1.db", "--scorecards-csv", "cards.csv",
            "--scorecards-xlsx", "cards.xlsx", "--db", "q2.db", cwd=d)
        cards = list(csv.DictReader(io.StringIO((d / "cards.csv").read_text(encoding="utf-8"))))
        periods = {"Quý I năm 2026": "q1.db", "Quý II năm 2026": "q2.db"}
        expected = {}
        for p, db in periods.items():
            run("export", "answers", "--out", f"{db}.csv", "--db", db, cwd=d)
            expected[p] = expected_scores((d / f"{db}.csv").read_text(encoding="utf-8"))
        areas = [r for r in cards if r["kind"] == "area"]
        if len(areas) != 2 * (len(UNITS) + 4 + 2):
            failures.append(f"{len(areas)} area rows, expected {2 * (len(UNITS) + 4 + 2)}")
        for r in areas:
            key = (r["level"], r["area"])
            n, mean, lower, upper = expected[r["period"]][key]
            what = f"{key} {r['period']}"
            if int(r["respondents"]) != n:
                failures.append(f"{what}: {r['respondents']} respondents, expected {n}")
            base = "suppressed" if n < 10 else "flagged" if n < 30 else "reliable"
            if r["base"] != base:
                failures.append(f"{what}: base {r['base']}, expected {base}")
            if base == "suppressed":
                if r["score"] != "":
                    failures.append(f"{what}: a suppressed score is printed: {r['score']}")
                continue
            for column, value in (("score", mean), ("lower", lower), ("upper", upper)):
                if not close(r[column], value):
                    failures.append(f"{what}: {column} {r[column]}, expected {value:.4f}")
        # The latest period's rank bands among each level's reliable areas.
        for level in ("unit", "district", "province"):
            figures = {a: (lo, hi) for (lv, a), (n, m, lo, hi) in expected["Quý II năm 2026"].items()
                       if lv == level and n >= 30}
            bands = rank_bands(figures)
            for r in areas:
                if r["level"] != level or r["period"] != "Quý II năm 2026":
                    continue
                if r["rank"] != bands.get(r["area"], ""):
                    failures.append(f"{level} {r['area']}: rank '{r['rank']}', expected "
                                    f"'{bands.get(r['area'], '')}'")
        # The change from Q1 to Q2, tested by Welch's t test (scipy) where neither quarter's
        # score is suppressed.
        scores = {p: respondent_scores((d / f"{db}.csv").read_text(encoding="utf-8"))
                  for p, db in periods.items()}
        significant = 0
        for r in areas:
            if r["period"] != "Quý II năm 2026":
                continue
            key = (r["level"], r["area"])
            q1, q2 = scores["Quý I năm 2026"].get(key, []), scores["Quý II năm 2026"][key]
            if len(q1) < 10 or len(q2) < 10:
                if r["change_p_value"] or r["change_significant"]:
                    failures.append(f"{key}: a change tested on a suppressed base")
                continue
            p = stats.ttest_ind(q2, q1, equal_var=False).pvalue
            # The CSV prints 6 significant digits.
            if not r["change_p_value"] or not math.isclose(float(r["change_p_value"]), p,
                                                           rel_tol=1e-5):
                failures.append(f"{key}: change p {r['change_p_value']!r}, expected {p:.6g}")
            if r["change_significant"] != ("1" if p < 0.05 else "0"):
                failures.append(f"{key}: change significant {r['change_significant']!r}, p {p:.4g}")
            significant += p < 0.05
        if significant == 0:
            failures.append("no significant change: the data rises 0.3 levels a quarter")
        if not any("-" in r["rank"] for r in areas):
            failures.append("no rank band: the data should make two offices tie")
        # The workbook keeps full precision: each area's score per period to 1e-9.
        level_names = {"Đơn vị": "unit", "Cấp huyện": "district", "Cấp tỉnh": "province"}
        sheet = xlsx_rows(d / "cards.xlsx", 1)
        if len(sheet) != 1 + len(UNITS) + 4 + 2:
            failures.append(f"cards.xlsx has {len(sheet)} rows on its first sheet")
        for row in sheet[1:]:
            key = (level_names.get(row.get("A"), "?"), row.get("B"))
            for period, column in (("Quý I năm 2026", "D"), ("Quý II năm 2026", "F")):
                n, mean, _, _ = expected[period][key]
                if n < 10:
                    if column in row:
                        failures.append(f"cards.xlsx {key} {period}: suppressed score shown")
                elif abs(row.get(column, -1) - mean) > 1e-9:
                    failures.append(f"cards.xlsx {key} {period}: {row.get(column)} != {mean}")
        text = subprocess.run(["pdftotext", "-layout", str(d / "q2.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        for needle in ["9. Điểm theo đơn vị và theo kỳ (thang điểm 10)",
                       "Điểm theo thang 10 (mục 9)", "Ba tiêu chí được đánh giá cao nhất",
                       "Ba tiêu chí được đánh giá thấp nhất", "Xu hướng qua các kỳ",
                       "kiểm định t Welch hai phía", "tăng có ý nghĩa thống kê", "▲"]:
            if needle not in text:
                failures.append(f"the report has no '{needle}'")
        for unit in UNITS:
            if f"Phiếu điểm: {unit}" not in text:
                failures.append(f"the report has no scorecard page for {unit}")
    for f in failures:
        print("FAIL", f)
    print(f"scorecards check: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
