"""One `get()` per kind: None, a registered name or an instance -> an instance; and the
base of the pieces described by their config alone."""


class Configured:
    """A piece described by `get_config()`, `{"name": ..., **settings}` (what `get()` reads
    back and a model file stores): two pieces are equal when their configs are, and the
    repr shows the settings.

    >>> from nncore.activations import LeakyReLU
    >>> LeakyReLU(0.1) == LeakyReLU(0.1), LeakyReLU(0.1)
    (True, LeakyReLU(alpha=0.1))
    """

    name = "configured"

    def get_config(self):
        return {"name": self.name}

    def __eq__(self, other):
        return type(self) is type(other) and self.get_config() == other.get_config()

    def __hash__(self):
        return hash(tuple(sorted(self.get_config().items())))

    def __repr__(self):
        params = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items() if k != "name")
        return f"{type(self).__name__}({params})"


def make_getter(kind, registry, base, default=None):
    """Build the `get(identifier)` function of one kind of object.

    `registry` maps names to classes; `base` is the class every instance derives from;
    `default` is the name used for None (or None when None is not allowed).
    A dict `{"name": ..., **config}` rebuilds a configured instance (as saved in JSON).
    """

    def get(identifier=None):
        if identifier is None:
            if default is None:
                raise ValueError(f"A {kind} is required. Received: None. "
                                 f"Valid names: {', '.join(sorted(registry))}")
            return registry[default]()
        if isinstance(identifier, base):
            return identifier
        if isinstance(identifier, dict):
            config = dict(identifier)
            name = config.pop("name", None)
            return _lookup(name)(**config)
        if isinstance(identifier, str):
            return _lookup(identifier)()
        raise ValueError(f"Could not interpret {kind}: expected a name, an instance or None. "
                         f"Received: {identifier!r} (type {type(identifier).__name__})")

    def _lookup(name):
        if name not in registry:
            raise ValueError(f"Unknown {kind}: {name!r}. "
                             f"Valid names: {', '.join(sorted(registry))}")
        return registry[name]

    get.__doc__ = (f"Return a {kind} instance from None, a name, a config dict or an "
                   f"instance. Unknown names raise ValueError listing the valid names.")
    return get
