# A classifier built inside a function, then driven only through names, as TF1 tutorials do when
# the code that runs the model is not the code that built it: graph.get_tensor_by_name("...:0"),
# get_operation_by_name, and session.run with names as fetches and feed keys.
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(3)
points = rng.normal(size=(80, 2)).astype(np.float32)
labels = (points[:, :1] + points[:, 1:] > 0).astype(np.float32)


def build_model():
    inputs = tf.placeholder(tf.float32, [None, 2], name="inputs")
    targets = tf.placeholder(tf.float32, [None, 1], name="targets")
    with tf.name_scope("model"):
        w = tf.Variable(tf.zeros([2, 1]), name="w")
        b = tf.Variable(tf.zeros([1]), name="b")
        logits = tf.add(tf.matmul(inputs, w), b, name="logits")
        tf.sigmoid(logits, name="probability")
    loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=targets, logits=logits), name="loss")
    tf.train.GradientDescentOptimizer(0.5).minimize(loss, name="train")


build_model()
graph = tf.get_default_graph()
probability = graph.get_tensor_by_name("model/probability:0")
train = graph.get_operation_by_name("train")
print("the tensor's op is the operation:", graph.get_tensor_by_name("loss:0").op is graph.get_operation_by_name("loss"))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {"inputs:0": points, "targets:0": labels}
    for step in range(50):
        _, loss = sess.run([train, "loss:0"], feed_dict=feed)
        if step % 10 == 0:
            print("step %d loss %.6f" % (step, loss))
    p = sess.run(probability, feed_dict={"inputs:0": points[:4]})
    print("first probabilities:", np.round(p.ravel(), 5))
    found = sess.run({"w": "model/w:0", "b": "model/b:0"})
    print("weights:", found["w"].ravel(), "bias:", found["b"])
    accuracy = np.mean((sess.run("model/probability:0", feed) > 0.5) == labels)
    print("accuracy: %.4f" % accuracy)
