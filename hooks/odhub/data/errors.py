"""Problems found in contributor files, and the exception that carries all of them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, pointing at the line a coordinator should open."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        return f"{location}:{field} {self.message}"


class InvalidData(Exception):
    """Raised once with every problem, so a pull request is fixed in one round."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        files = {p.path for p in self.problems}
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        file_noun = "file" if len(files) == 1 else "files"
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} {noun} in {len(files)} {file_noun}; nothing was built.")
        return "\n".join(lines)
