# blind-answer: wrong
# mistake: halves the squared difference (as in the squared-error loss)
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        return 0.5 * (x - y) ** 2
