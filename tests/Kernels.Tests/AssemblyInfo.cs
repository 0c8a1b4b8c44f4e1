// One accelerator per backend is shared by every test; its stream is not meant for concurrent use.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
