"""tf.ConfigProto and tf.GPUOptions: the session settings TF1 programs pass, kept and ignored.

Tutorials write `tf.Session(config=tf.ConfigProto(log_device_placement=True))` or set
`config.gpu_options.allow_growth = True`. A deepslow session always runs in this process, on
the CPU, so none of these change anything; they are accepted so that such a program runs.
"""


class _Options:
    """Keyword settings stored as attributes, for a program to read back or change."""

    def __init__(self, **settings):
        self.__dict__.update(settings)

    def __repr__(self):
        settings = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({settings})"


class GPUOptions(_Options):
    def __init__(self, allow_growth=False, per_process_gpu_memory_fraction=1.0, **settings):
        fraction = per_process_gpu_memory_fraction
        super().__init__(allow_growth=allow_growth, per_process_gpu_memory_fraction=fraction, **settings)


class ConfigProto(_Options):
    def __init__(self, gpu_options=None, log_device_placement=False, allow_soft_placement=False, **settings):
        super().__init__(
            gpu_options=gpu_options or GPUOptions(),
            log_device_placement=log_device_placement,
            allow_soft_placement=allow_soft_placement,
            **settings,
        )
