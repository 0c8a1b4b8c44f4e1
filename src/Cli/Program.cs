using GpuImdb.Cli;

return GpuImdbCli.Run(args, Console.Out, Console.Error);
