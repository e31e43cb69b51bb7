using CampaignMcp.Bridge;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    eventArgs.Cancel = true;
    stop.Cancel();
};

try
{
    return await BridgeApplication.RunAsync(args, Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.Error, Environment.GetEnvironmentVariable, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return 0;
}
