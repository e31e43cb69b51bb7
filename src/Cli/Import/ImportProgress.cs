namespace CampaignMcp.Cli.Import;

/// <summary>
/// Plain progress lines on stderr for large imports: one per tenth of the rows, so a log stays short
/// whether or not stderr is a terminal. Called from several writer threads.
/// </summary>
public sealed class ImportProgress(TextWriter error, int total)
{
    public const int LargeFile = 5_000;
    private int lastTenth;

    public void Report(int written)
    {
        if (total < LargeFile)
        {
            return;
        }

        var tenth = (int)(written * 10L / total);
        var previous = Volatile.Read(ref lastTenth);
        if (tenth > previous && Interlocked.CompareExchange(ref lastTenth, tenth, previous) == previous)
        {
            lock (error)
            {
                error.WriteLine($"import: {written} of {total} campaigns written ({tenth * 10}%)");
            }
        }
    }
}
