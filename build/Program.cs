using Agop.Build.Cli;

return Host.Run(args, Console.Out, Console.Error);
