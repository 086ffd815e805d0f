"""Buy the Laptop's screen: its session state, sections and figures."""
