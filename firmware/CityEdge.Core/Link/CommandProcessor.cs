using System;
using System.Collections;
using CityEdge.Diagnostics;
using CityEdge.Hal;

namespace CityEdge.Link
{
    /// <summary>
    /// Verifies incoming command frames and dispatches them to the handler registered for their
    /// action. A command runs only if its HMAC matches under this node's key, it names this node, its
    /// counter is above the last accepted one and it has not expired; the new counter is written to
    /// flash BEFORE the command runs, so neither a replay nor a reboot in the middle can run it twice.
    /// Every frame, accepted or not, gets an ack; every rejection is logged.
    /// </summary>
    public sealed class CommandProcessor
    {
        /// <summary>The node's 32-byte command key, provisioned with the firmware (docs/mqtt.md).</summary>
        public const string KeyFile = "command.key";

        /// <summary>The last accepted counter (8 bytes, big-endian).</summary>
        public const string CounterFile = "command.counter";

        private const string LogTag = "command";
        private const long UnixEpochTicks = 621355968000000000L;

        private readonly string _nodeId;
        private readonly IPersistentStore _store;
        private readonly IClock _clock;
        private readonly ILogSink _log;
        private readonly Hashtable _handlers = new Hashtable();
        private readonly byte[] _counterBuffer = new byte[8];
        private readonly byte[] _key;
        private ulong _lastCounter;

        public CommandProcessor(string nodeId, IPersistentStore store, IClock clock, ILogSink log)
        {
            _nodeId = nodeId;
            _store = store;
            _clock = clock;
            _log = log ?? NullLogSink.Instance;
            byte[] key = store.ReadAll(KeyFile);
            _key = key != null && key.Length == CommandFrame.KeyLength ? key : null;
            if (_key == null)
            {
                _log.Write(LogLevel.Warning, LogTag, "no " + CommandFrame.KeyLength + "-byte command key in " + KeyFile + ": every command will be refused");
            }

            byte[] counter = store.ReadAll(CounterFile);
            if (counter != null && counter.Length == 8)
            {
                _lastCounter = BigEndian.ReadUInt64(counter, 0);
            }
        }

        /// <summary>The highest counter accepted so far.</summary>
        public ulong LastCounter
        {
            get { return _lastCounter; }
        }

        /// <summary>Commands refused since start-up (any result other than a handler's).</summary>
        public int RejectedCount { get; private set; }

        /// <summary>Commands run since start-up.</summary>
        public int AcceptedCount { get; private set; }

        /// <summary>Routes <paramref name="action"/> (<see cref="CommandAction"/>) to <paramref name="handler"/>.</summary>
        public void Register(int action, ICommandHandler handler)
        {
            if (_handlers.Contains(action))
            {
                throw new InvalidOperationException("a handler for action " + action + " is already registered");
            }

            _handlers[action] = handler;
        }

        /// <summary>Verifies and runs one frame; returns the signed ack to publish.</summary>
        public byte[] Process(byte[] frame)
        {
            CommandAck ack = new CommandAck();
            int signedLength;
            CommandFrame command = CommandFrame.Parse(frame, out signedLength);
            if (command == null)
            {
                return Reject(ack, CommandResult.Malformed, "not a command frame v1");
            }

            ack.Action = command.Action;
            ack.Counter = command.Counter;
            if (_key == null)
            {
                return Reject(ack, CommandResult.NoKey, "node has no command key");
            }

            if (!CommandFrame.MacMatches(_key, frame, signedLength))
            {
                return Reject(ack, CommandResult.BadSignature, "signature does not match");
            }

            if (command.NodeId != _nodeId)
            {
                return Reject(ack, CommandResult.WrongNode, "signed for " + command.NodeId);
            }

            if (command.Counter <= _lastCounter)
            {
                return Reject(ack, CommandResult.Replayed, "counter " + command.Counter + " is not above " + _lastCounter);
            }

            // Burn the counter first: a replay after a crash or power cut must still be refused.
            _lastCounter = command.Counter;
            BigEndian.WriteUInt64(_counterBuffer, 0, _lastCounter);
            _store.WriteAll(CounterFile, _counterBuffer, 0, 8);

            if (command.ExpiresUnixSeconds != 0 && _clock.IsUtcValid()
                && (ulong)((_clock.UtcNow().Ticks - UnixEpochTicks) / TimeSpan.TicksPerSecond) > command.ExpiresUnixSeconds)
            {
                return Reject(ack, CommandResult.Expired, "expired at " + command.ExpiresUnixSeconds);
            }

            ICommandHandler handler = (ICommandHandler)_handlers[command.Action];
            if (handler == null)
            {
                return Reject(ack, CommandResult.Unsupported, "no handler for action " + command.Action);
            }

            Command verified = new Command(command.Action, command.Counter, command.Arguments);
            ack.Result = handler.Execute(verified);
            ack.Detail = verified.Detail;
            AcceptedCount++;
            _log.Write(LogLevel.Info, LogTag, "action " + command.Action + " counter " + command.Counter + ": " + CommandResult.Name(ack.Result)
                + (verified.Detail == null ? "" : " (" + verified.Detail + ")"));
            return ack.Encode(_key);
        }

        private byte[] Reject(CommandAck ack, int result, string detail)
        {
            RejectedCount++;
            ack.Result = result;
            ack.Detail = detail;
            _log.Write(LogLevel.Warning, LogTag, "refused action " + ack.Action + " counter " + ack.Counter + ": " + CommandResult.Name(result) + " (" + detail + ")");
            return ack.Encode(_key);
        }
    }
}
