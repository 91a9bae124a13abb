using NeuralStyle.Cli;

using var interrupt = new ConsoleInterrupt();
return interrupt.ExitCodeFor(await NsfApplication.RunAsync(args, Console.Out, Console.Error, interrupt.Token));
