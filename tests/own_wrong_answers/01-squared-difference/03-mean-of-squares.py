# blind-answer: wrong
# mistake: averages the squares into one number
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        return np.mean((x - y) ** 2)
