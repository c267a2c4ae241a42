# A regression trained with a decaying learning rate, as the TF1 guides show it: a global step,
# tf.train.exponential_decay, a session configured with tf.ConfigProto, shapes read off tensors.
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(7)
data_x = rng.uniform(-1, 1, size=(64, 3)).astype(np.float32)
true_w = np.array([[1.5], [-2.0], [0.5]], dtype=np.float32)
data_y = data_x.dot(true_w) + 0.3

X = tf.placeholder(tf.float32, [None, 3], name="X")
Y = tf.placeholder(tf.float32, [None, 1], name="Y")
n_features = X.get_shape()[1].value
print("features:", n_features, X.get_shape().as_list())

W = tf.Variable(tf.zeros([n_features, 1]), name="weights")
b = tf.Variable(tf.zeros([1]), name="bias")
pred = tf.add(tf.matmul(X, W), b)
print("prediction shape:", pred.get_shape().as_list())
cost = tf.reduce_mean(tf.square(pred - Y))

global_step = tf.Variable(0, name="global_step", trainable=False)
learning_rate = tf.train.exponential_decay(0.5, global_step, decay_steps=20, decay_rate=0.5, staircase=True)
train_op = tf.train.GradientDescentOptimizer(learning_rate, name="SGD").minimize(cost, global_step=global_step)

fine_rate = tf.placeholder(tf.float32, shape=[], name="fine_rate")
fine_tune = tf.train.MomentumOptimizer(fine_rate, momentum=0.9, use_locking=False).minimize(cost)

config = tf.ConfigProto(allow_soft_placement=True, log_device_placement=False)
config.gpu_options.allow_growth = True
with tf.Session(config=config) as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(60):
        _, c, rate = sess.run([train_op, cost, learning_rate], feed_dict={X: data_x, Y: data_y})
        if epoch % 20 == 0:
            print("epoch %d cost %.6f rate %.6f" % (epoch, c, rate))
    for step in range(10):
        sess.run(fine_tune, feed_dict={X: data_x, Y: data_y, fine_rate: 0.05})
    print("step:", sess.run(global_step))
    print("weights:", sess.run(W).ravel(), "bias:", sess.run(b))
    print("final cost: %.6f" % sess.run(cost, feed_dict={X: data_x, Y: data_y}))
