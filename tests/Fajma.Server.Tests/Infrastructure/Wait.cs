using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fajma.Server.Tests.Infrastructure;

internal static class Wait
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The first item matching <paramref name="match"/>, or a timeout failure naming what was awaited.</summary>
    public static async Task<T> ForAsync<T>(ChannelReader<T> reader, Func<T, bool> match, string what)
    {
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await foreach (var item in reader.ReadAllAsync(cts.Token))
                if (match(item)) return item;
        }
        catch (OperationCanceledException)
        {
        }
        throw new TimeoutException($"no {what} within {Timeout.TotalSeconds} s");
    }

    /// <summary>Completes when the server closes <paramref name="hub"/>; take it before the action that should close it.</summary>
    public static Task<Exception?> ClosingOf(HubConnection hub)
    {
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    /// <summary><paramref name="task"/>'s result, or a timeout failure naming what was awaited.</summary>
    public static async Task<T> ForAsync<T>(Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no {what} within {Timeout.TotalSeconds} s");
        }
    }

    /// <summary>
    /// For effects written in the background with no event to await (an audit entry for a refused TLS
    /// handshake): checks until true, failing with <paramref name="what"/> after the timeout.
    /// </summary>
    /// <param name="within">Longer than <see cref="Timeout"/> only where the product itself may wait that long (a capped backoff).</param>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var timeout = within ?? Timeout;
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no {what} within {timeout.TotalSeconds} s");
            await Task.Delay(50);
        }
    }
}
