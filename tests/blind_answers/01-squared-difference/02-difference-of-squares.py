# blind-answer: wrong
# mistake: algebra slip: x² - y² instead of (x - y)²
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        return x**2 - y**2
