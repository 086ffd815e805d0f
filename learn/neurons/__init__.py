"""The Perceptron and Sigmoid Neuron pages: experiments, figures, text and widgets."""
