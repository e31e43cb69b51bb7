using CampaignMcp.Bridge;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    eventArgs.Cancel = true;
    stop.Cancel();
};

var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false)) { AutoFlush = false };
var stdin = new StreamReader(Console.OpenStandardInput(), new System.Text.UTF8Encoding(false));
try
{
    return await BridgeApplication.RunAsync(args, stdin, stdout, Console.Error, Environment.GetEnvironmentVariable, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return 0;
}
finally
{
    await stdout.FlushAsync();
}
