"""The Initialization page: strategies, the three experiments, figures and sections."""
