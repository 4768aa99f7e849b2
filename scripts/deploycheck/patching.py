"""Reversible monkeypatches: what the shims install into moto, undone in tests."""

_INHERITED = object()


class Patches:
    """Attribute replacements, recorded so that ``undo`` restores the originals (last first)."""

    def __init__(self):
        self._originals = []

    def replace(self, owner, name, value):
        """Sets `owner.name` to `value` (a class's own attribute, or a module's)."""
        if isinstance(owner, type):
            original = owner.__dict__.get(name, _INHERITED)
        else:
            original = getattr(owner, name)
        self._originals.append((owner, name, original))
        setattr(owner, name, value)

    def undo(self):
        while self._originals:
            owner, name, original = self._originals.pop()
            if original is _INHERITED:
                delattr(owner, name)
            else:
                setattr(owner, name, original)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.undo()
