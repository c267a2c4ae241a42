# blind-answer: correct
# mistake: uses np.square(np.subtract(x, y)), with an explicit broadcast check
class SquaredDifference(Operation):
    """(x - y)², element by element."""

    def compute(self, x, y):
        # YOUR CODE HERE
        np.broadcast_shapes(np.shape(x), np.shape(y))  # raises early if the shapes cannot broadcast
        return np.square(np.subtract(x, y))
