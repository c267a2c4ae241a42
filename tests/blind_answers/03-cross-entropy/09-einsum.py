# blind-answer: correct
# mistake: sums y·log p over both axes with np.einsum, divides by n
def cross_entropy(p, y):
    """The mean cross-entropy -(1/n) Σ_i Σ_k y_ik log p_ik."""
    # YOUR CODE HERE
    return -np.einsum("ik,ik->", y, np.log(p)) / p.shape[0]
