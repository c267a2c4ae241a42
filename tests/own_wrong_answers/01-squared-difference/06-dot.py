# blind-answer: wrong
# mistake: uses np.dot, which sums over the last axis
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        d = x - y
        return np.dot(d, d)
