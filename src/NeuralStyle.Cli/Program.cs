using NeuralStyle.Cli;

using var interrupt = new ConsoleInterrupt();
return await NsfApplication.RunAsync(args, Console.Out, Console.Error, interrupt.Token);
