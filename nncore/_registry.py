"""One `get()` per kind: None, a registered name or an instance -> an instance."""


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
