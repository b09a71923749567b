"""What a demo load did: what it created and updated, the logins and the pages to open first."""

from dataclasses import dataclass, field


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    logins: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    # Pages worth opening first, filled in by each part of the demo (demo/loader.py).
    links: dict[str, str] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)
