using System;

namespace CityEdge.Link
{
    /// <summary>
    /// When the node tries to connect next, and with which MQTT version.
    /// <para>
    /// Backoff: after the k-th failed attempt in a row the next one waits a delay drawn evenly from
    /// [d/2, d], d = <see cref="FirstRetryMs"/> · 2^(k−1) capped at <see cref="MaxRetryMs"/> ("equal
    /// jitter"), so a street of nodes that lost the broker together does not come back in lock step.
    /// After a dropped connection the first attempt waits [0, <see cref="FirstRetryMs"/>].
    /// </para>
    /// <para>
    /// Version: MQTT 5 first. A broker that refuses it (CONNACK 0x01 or 0x84) or answers with a CONNACK
    /// the client cannot read is asked again at once in 3.1.1; once 3.1.1 has been accepted it is kept
    /// for the rest of the boot. A failure of the 3.1.1 retry backs off and starts again with 5. An
    /// unreachable broker says nothing about versions and changes none.
    /// </para>
    /// </summary>
    public sealed class ConnectionPolicy
    {
        public const int FirstRetryMs = 5000;
        public const int MaxRetryMs = 120000;

        private readonly Random _random;
        private int _failures;
        private bool _v311Accepted;
        private bool _fallbackDue;

        /// <param name="seed">Jitter seed: differs per node (its id) so nodes spread out.</param>
        public ConnectionPolicy(int seed)
        {
            _random = new Random(seed);
        }

        /// <summary>Monotonic time of the next attempt (0 at start-up: at once).</summary>
        public long NextAttemptMs { get; private set; }

        /// <summary>The version the next attempt asks for.</summary>
        public int Version
        {
            get { return _v311Accepted || _fallbackDue ? MqttProtocol.Version311 : MqttProtocol.Version5; }
        }

        /// <summary>Failed attempts since the last successful connection.</summary>
        public int ConsecutiveFailures
        {
            get { return _failures; }
        }

        public void OnConnected(int version)
        {
            _failures = 0;
            _fallbackDue = false;
            if (version == MqttProtocol.Version311)
            {
                _v311Accepted = true;
            }
        }

        /// <summary>Records a failed attempt at <see cref="Version"/>; true when the next attempt is the
        /// immediate 3.1.1 retry, false when it waits until <see cref="NextAttemptMs"/>.</summary>
        public bool OnFailed(ConnectOutcome outcome, int reasonCode, long nowMs)
        {
            bool v5 = Version == MqttProtocol.Version5;
            bool versionRefused = outcome == ConnectOutcome.NoValidAnswer
                || (outcome == ConnectOutcome.Refused && MqttProtocol.RefusesProtocolVersion(reasonCode));
            if (v5 && versionRefused)
            {
                _fallbackDue = true;
                NextAttemptMs = nowMs;
                return true;
            }

            _fallbackDue = false;
            _failures++;
            int ceiling = FirstRetryMs;
            for (int i = 1; i < _failures && ceiling < MaxRetryMs; i++)
            {
                ceiling *= 2;
            }

            if (ceiling > MaxRetryMs)
            {
                ceiling = MaxRetryMs;
            }

            NextAttemptMs = nowMs + (ceiling / 2) + _random.Next((ceiling / 2) + 1);
            return false;
        }

        /// <summary>An established connection dropped: try again soon, jittered.</summary>
        public void OnLost(long nowMs)
        {
            _failures = 0;
            NextAttemptMs = nowMs + _random.Next(FirstRetryMs + 1);
        }
    }
}
