# blind-answer: wrong
# mistake: squares with a dot product, which sums over the last axis (only numbers come out right)
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        d = x - y
        return np.dot(d, d)
