"""The Activations page: experiments and figures."""
