"""The rest of TensorFlow 1's surface that tutorials use, kept apart from the teaching core.

The core (deepslow/graph.py, ops.py, session.py, backprop.py, train.py) is what the lessons read:
the ops a learner builds a network from. This package adds what real TF1 programs also reach for,
one theme per module, each op still a short `compute` with its gradient registered below it:

    math_ops       abs, sqrt, pow with a node exponent, maximum/minimum, clip_by_value, reduce_max/min/prod, ...
    logic_ops      comparisons, logical_and/or/not/xor, where, reduce_any/all
    array_ops      zeros/ones/fill, *_like, concat, stack, expand_dims, squeeze, shape, size, one_hot, range, ...
    random_ops     random_normal, random_uniform, truncated_normal, set_random_seed
    state_ops      assign, assign_add, assign_sub
    nn_ops         tf.nn's losses and activations beyond the core: sigmoid cross-entropy, dropout, ...
    clip_ops       clip_by_norm, clip_by_global_norm, global_norm
    scopes         name_scope, variable_scope, get_variable
    initializers   zeros_initializer, glorot_uniform_initializer, ... (also the tf.initializers namespace)
    optimizers     RMSProp, Adagrad and Adadelta as `update` rules
    saver          train.Saver and latest_checkpoint
    summary        tf.summary: scalar, histogram, merge_all, FileWriter (TensorBoard event files)
    shapes         the static shape of a node, where it can be told before running
    missing        the clear error for TF1 names outside deepslow's subset

and the public namespaces `tf.train`, `tf.layers`, `tf.losses`, `tf.random`, `tf.math`,
`tf.logging` as modules of their own (train.py, layers.py, ...). deepslow/__init__.py and
deepslow/nn.py gather the top-level and `tf.nn` names.
"""
