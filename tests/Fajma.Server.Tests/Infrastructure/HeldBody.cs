namespace Fajma.Server.Tests.Infrastructure;

/// <summary>A request body sent in two halves: the second only once the test releases it.</summary>
internal sealed class HeldBody(byte[] body) : HttpContent
{
    public TaskCompletionSource<bool> Requested { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        Requested.TrySetResult(true);
        await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
        await stream.FlushAsync();
        await Release.Task;
        await stream.WriteAsync(body.AsMemory(body.Length / 2));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
