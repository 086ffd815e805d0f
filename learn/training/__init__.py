"""The Training page: one step of learning with every number, its figures and sections."""
