"""A longer fuzzing run of the parser, formatter and validator (not part of the test suite).

    .venv/bin/python tests/spec/fuzz_long.py [--minutes 5] [--seed N] [--out /tmp/fuzz]

Mutates the example specs, the golden inputs and generated specs (random edits of
characters, words and lines, splices of two files), and feeds random text. Every input must
either parse, format back to an equal spec and validate without raising, or raise
``SpecError`` with located, sorted errors. Inputs that break a rule are written to ``--out``
and the run exits 1.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from hypothesis.errors import NonInteractiveExampleWarning  # noqa: E402
from strategies import specs  # noqa: E402

from infranest.spec.diagnostics import SpecError  # noqa: E402
from infranest.spec.formatter import format_spec  # noqa: E402
from infranest.spec.parser import parse  # noqa: E402
from infranest.spec.validate import validate  # noqa: E402

TOKENS = [
    *"{}()[]:;,.\"#=%<>!/\\\n\t -_",
    "entity ", "enum ", "project ", "model ", "monitor {", "flow ", "integration ",
    "via ", "one ", "optional", "unique", "= ", "min(", "max(", "on_delete(", "pii(",
    "readable(", "allow ", "action ", "limit ", "paginate ", "index (", "retention ",
    "5/minute", "per ", "7d", "1e999", "9" * 40, "-0", "0.5", "\\u", "\\ud83d", "\\\"",
    "\u2028", "\x0c", "\x85", "\r\n", "é", "User", "string(", "decimal(10,2)", "[", "]",
]  # fmt: skip


DUPLICATES = {f"duplicate-{kind}" for kind in ("entity", "enum", "flow", "integration", "model")}


def seeds(rng: random.Random, count: int) -> list[str]:
    files = [*ROOT.glob("examples/**/*.nest"), *ROOT.glob("tests/golden/*/input.nest")]
    texts = [p.read_text(encoding="utf-8") for p in sorted(files)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NonInteractiveExampleWarning)
        texts += [format_spec(specs().example()) for _ in range(count)]
    rng.shuffle(texts)
    return texts


def mutate(rng: random.Random, text: str, other: str) -> str:
    for _ in range(rng.randint(1, 6)):
        lines = text.split("\n")
        edit = rng.randrange(9)
        if edit == 0 and len(lines) > 1:
            del lines[rng.randrange(len(lines))]
        elif edit == 1:
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(lines))
        elif edit == 2 and len(lines) > 1:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif edit == 3:
            donor = other.split("\n")
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(donor))
        if edit <= 3:
            text = "\n".join(lines)
            continue
        i = rng.randrange(len(text) + 1)
        if edit == 4 and text:
            text = text[:i] + text[i + 1 :]
        elif edit == 5:
            text = text[:i] + rng.choice(TOKENS) + text[i:]
        elif edit == 6 and i + 1 < len(text):
            text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        elif edit == 7:
            j = min(len(text), i + rng.randint(1, 40))
            text = text[:i] + text[i:j] + text[i:]
        else:
            text = text[:i] + other[i : i + rng.randint(1, 200)] + text[i:]
    return text


def random_text(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return "".join(rng.choice(TOKENS) for _ in range(rng.randint(0, 60)))
    return "".join(chr(rng.randint(0, 0x2FFF)) for _ in range(rng.randint(0, 80)))


def check(text: str) -> bool:
    """Whether ``text`` parsed; AssertionError (or any crash) when it breaks a rule."""
    try:
        spec = parse(text, "fuzz.nest")
    except SpecError as exc:
        lines = max(1, len(text.split("\n")))
        require(bool(exc.errors), "SpecError without errors")
        for d in exc.errors:
            inside = d.loc is not None and 1 <= d.loc.line <= lines and d.loc.column >= 1
            require(inside, f"error outside the file: {d}")
        places = [(d.loc.line, d.loc.column) for d in exc.diagnostics if d.loc]
        require(places == sorted(places), f"errors out of order: {places}")
        exc.render()
        return False
    formatted = format_spec(spec)
    again = parse(formatted, "formatted.nest")
    found = validate(spec)
    if again != spec and any(d.code in DUPLICATES for d in found):
        return True  # comments of two definitions with one name cannot be told apart
    require(again == spec, "parse(format(spec)) != spec")
    require(format_spec(again) == formatted, "format is not idempotent")
    return True


class BrokenRuleError(Exception):
    """An input broke one of the rules."""


def require(condition: bool, rule: str) -> None:
    if not condition:
        raise BrokenRuleError(rule)


def run(minutes: float, seed: int, out: Path) -> int:
    rng = random.Random(seed)
    pool = seeds(rng, 40)
    deadline = time.monotonic() + minutes * 60
    runs = failures = parsed = 0
    while time.monotonic() < deadline:
        if rng.random() < 0.9:
            text = mutate(rng, rng.choice(pool), rng.choice(pool))
        else:
            text = random_text(rng)
        runs += 1
        try:
            parsed += check(text)
        except Exception:
            failures += 1
            out.mkdir(parents=True, exist_ok=True)
            case = out / f"case-{seed}-{runs}.nest"
            case.write_text(text, encoding="utf-8", errors="surrogatepass")
            print(f"FAIL {case}\n{traceback.format_exc(limit=4)}", file=sys.stderr)
            if failures >= 20:
                break
    print(f"{runs} inputs ({parsed} parsed), {failures} failures (seed {seed})")
    return 1 if failures else 0


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--minutes", type=float, default=5.0)
    options.add_argument("--seed", type=int, default=int(time.time()))
    options.add_argument("--out", type=Path, default=Path("/tmp/infranest-fuzz"))
    args = options.parse_args()
    raise SystemExit(run(args.minutes, args.seed, args.out))


if __name__ == "__main__":
    main()
