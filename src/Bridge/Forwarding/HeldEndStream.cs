namespace CampaignMcp.Bridge.Forwarding;

/// <summary>
/// stdin for the SDK's stream transport, with its end held back until the condition given to
/// <see cref="HoldEndUntil"/> is met: the transport stops writing once its input has ended, and
/// requests read before the end are still owed an answer.
/// </summary>
public sealed class HeldEndStream(Stream stdin) : Stream
{
    private readonly TaskCompletionSource<Func<CancellationToken, Task>> beforeEnd = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The transport reads from its constructor on, so the end waits for this even when it comes first.</summary>
    public void HoldEndUntil(Func<CancellationToken, Task> condition) => beforeEnd.TrySetResult(condition);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // WaitAsync: a read of the console's stdin does not always observe its token.
        var read = await stdin.ReadAsync(buffer, cancellationToken).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            await (await beforeEnd.Task.WaitAsync(cancellationToken).ConfigureAwait(false))(cancellationToken).ConfigureAwait(false);
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => stdin.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            stdin.Dispose();
        }

        base.Dispose(disposing);
    }
}
