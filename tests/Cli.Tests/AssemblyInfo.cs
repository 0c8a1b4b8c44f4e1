// Commands open accelerators and read large files; one at a time keeps a 2-core machine usable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
