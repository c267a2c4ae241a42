# blind-answer: wrong
# mistake: takes the square root of the difference (confuses ** 2 and ** 0.5)
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        return np.sqrt(np.abs(x - y))
