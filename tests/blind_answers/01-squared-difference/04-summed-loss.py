# blind-answer: wrong
# mistake: sums the squares into one number (the squared-error loss), not element by element
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        return np.sum((x - y) ** 2)
