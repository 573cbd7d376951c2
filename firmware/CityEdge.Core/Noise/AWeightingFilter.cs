using System;

namespace CityEdge.Noise
{
    /// <summary>
    /// A-weighting (IEC 61672-1:2013, 5.5 and Annex E) for the actual sample rate, in single precision.
    /// The four low-frequency real poles (20.6 Hz twice, 107.7 Hz, 737.9 Hz) with their four zeros at
    /// 0 Hz become first-order high-pass sections by the bilinear transform, each pre-warped to its
    /// own corner: first-order sections keep float round-off low where a biquad with poles this close
    /// to z = 1 would not (48 kHz). The 12194 Hz pole pair lies near or above Nyquist, where no
    /// transform of it is accurate, so it is replaced by a 7-tap linear-phase correction whose
    /// cosine coefficients are fitted at design time (weighted least squares, relative error) to
    /// the analog response divided by the digital high-pass part. The whole cascade is normalised to
    /// 0 dB at 1 kHz, which is what the A1000 constant does for the analog curve.
    /// Internal on purpose: the noise engine exposes levels only, never filtered samples.
    /// </summary>
    internal sealed class AWeightingFilter
    {
        // IEC 61672-1:2013 Annex E, E.4.1 and E.4.2: approximate pole frequencies of the weightings.
        public const double F1Hz = 20.6;
        public const double F2Hz = 107.7;
        public const double F3Hz = 737.9;
        public const double F4Hz = 12194.0;

        private const int FitPoints = 64;
        private const double FitLowHz = 100.0;

        private readonly float _p1;
        private readonly float _p2;
        private readonly float _p3;
        private readonly float _p4;
        private readonly float _c0;
        private readonly float _c1;
        private readonly float _c2;
        private readonly float _c3;
        private readonly float _gain;

        // Section states: previous input and output of each high-pass, then the correction's delay line.
        private float _x1;
        private float _y1;
        private float _y2;
        private float _y3;
        private float _y4;
        private float _d1;
        private float _d2;
        private float _d3;
        private float _d4;
        private float _d5;
        private float _d6;

        public AWeightingFilter(int sampleRateHz)
        {
            if (sampleRateHz < 8000 || sampleRateHz > 192000)
            {
                throw new ArgumentOutOfRangeException("sampleRateHz", "A-weighting needs 8000..192000 Hz, got " + sampleRateHz);
            }

            double fs = sampleRateHz;
            double k1 = Math.Tan(Math.PI * F1Hz / fs);
            double k2 = Math.Tan(Math.PI * F2Hz / fs);
            double k3 = Math.Tan(Math.PI * F3Hz / fs);
            _p1 = (float)((1 - k1) / (1 + k1));
            _p2 = _p1;
            _p3 = (float)((1 - k2) / (1 + k2));
            _p4 = (float)((1 - k3) / (1 + k3));

            double[] c = FitCorrection(fs, k1, k2, k3);
            _c0 = (float)c[0];
            _c1 = (float)c[1];
            _c2 = (float)c[2];
            _c3 = (float)c[3];

            // The sections run un-normalised (y = x - x1 + p y1); one gain puts 1 kHz at 0 dB.
            double w = 2 * Math.PI * 1000.0 / fs;
            double raw = HighPassRaw(_p1, w) * HighPassRaw(_p2, w) * HighPassRaw(_p3, w) * HighPassRaw(_p4, w) * Correction(c, w);
            _gain = (float)(1.0 / raw);
        }

        /// <summary>Forgets the signal's history (after a gap in the audio).</summary>
        public void Reset()
        {
            _x1 = 0;
            _y1 = 0;
            _y2 = 0;
            _y3 = 0;
            _y4 = 0;
            _d1 = 0;
            _d2 = 0;
            _d3 = 0;
            _d4 = 0;
            _d5 = 0;
            _d6 = 0;
        }

        /// <summary>
        /// Weights <paramref name="count"/> samples, each multiplied by <paramref name="scale"/>, into
        /// <paramref name="output"/>. The correction is symmetric, so the output is the weighted signal
        /// delayed by three samples.
        /// </summary>
        public void Process(int[] input, int offset, int count, float scale, float[] output)
        {
            float s = scale * _gain;
            float x1 = _x1;
            float y1 = _y1;
            float y2 = _y2;
            float y3 = _y3;
            float y4 = _y4;
            for (int i = 0; i < count; i++)
            {
                float x = input[offset + i] * s;
                float h1 = (x - x1) + (_p1 * y1);
                float h2 = (h1 - y1) + (_p2 * y2);
                float h3 = (h2 - y2) + (_p3 * y3);
                float h4 = (h3 - y3) + (_p4 * y4);
                x1 = x;
                y1 = h1;
                y2 = h2;
                y3 = h3;
                y4 = h4;

                output[i] = (_c0 * _d3) + (_c1 * (_d2 + _d4)) + (_c2 * (_d1 + _d5)) + (_c3 * (h4 + _d6));
                _d6 = _d5;
                _d5 = _d4;
                _d4 = _d3;
                _d3 = _d2;
                _d2 = _d1;
                _d1 = h4;
            }

            _x1 = x1;
            _y1 = y1;
            _y2 = y2;
            _y3 = y3;
            _y4 = y4;
        }

        /// <summary>|(1 - z^-1) / (1 - p z^-1)| at angular frequency <paramref name="w"/>.</summary>
        private static double HighPassRaw(double p, double w)
        {
            double num = 2 - (2 * Math.Cos(w));
            double den = 1 + (p * p) - (2 * p * Math.Cos(w));
            return Math.Sqrt(num / den);
        }

        /// <summary>c0 + 2 c1 cos w + 2 c2 cos 2w + 2 c3 cos 3w: the zero-phase response of the
        /// symmetric taps (c3 c2 c1 c0 c1 c2 c3).</summary>
        private static double Correction(double[] c, double w)
        {
            return c[0] + (2 * c[1] * Math.Cos(w)) + (2 * c[2] * Math.Cos(2 * w)) + (2 * c[3] * Math.Cos(3 * w));
        }

        /// <summary>
        /// Least-squares fit of the correction to (analog high-pass part × analog 12194 Hz pole pair)
        /// / (digital high-pass part) on a log grid from 100 Hz to 98 % of Nyquist, weighted by the
        /// target's inverse square so the error is relative (≈ dB).
        /// </summary>
        private static double[] FitCorrection(double fs, double k1, double k2, double k3)
        {
            double[] normal = new double[16];
            double[] rhs = new double[4];
            double[] basis = new double[4];
            double top = 0.98 * fs / 2;
            for (int n = 0; n < FitPoints; n++)
            {
                double f = FitLowHz * Math.Pow(top / FitLowHz, (double)n / (FitPoints - 1));
                double kf = Math.Tan(Math.PI * f / fs);
                double analog = HighPassAnalog(f, F1Hz) * HighPassAnalog(f, F1Hz) * HighPassAnalog(f, F2Hz) * HighPassAnalog(f, F3Hz)
                    / (1 + ((f / F4Hz) * (f / F4Hz)));
                double digital = HighPassWarped(kf, k1) * HighPassWarped(kf, k1) * HighPassWarped(kf, k2) * HighPassWarped(kf, k3);
                double target = analog / digital;
                double weight = 1 / (target * target);
                double w = 2 * Math.PI * f / fs;
                basis[0] = 1;
                basis[1] = 2 * Math.Cos(w);
                basis[2] = 2 * Math.Cos(2 * w);
                basis[3] = 2 * Math.Cos(3 * w);
                for (int i = 0; i < 4; i++)
                {
                    rhs[i] += weight * basis[i] * target;
                    for (int j = 0; j < 4; j++)
                    {
                        normal[(i * 4) + j] += weight * basis[i] * basis[j];
                    }
                }
            }

            return Solve4(normal, rhs);
        }

        private static double HighPassAnalog(double f, double cornerHz)
        {
            return f / Math.Sqrt((f * f) + (cornerHz * cornerHz));
        }

        /// <summary>Magnitude of a pre-warped bilinear first-order high-pass: K_f / sqrt(K_f² + K_c²).</summary>
        private static double HighPassWarped(double kf, double kc)
        {
            return kf / Math.Sqrt((kf * kf) + (kc * kc));
        }

        /// <summary>Gaussian elimination with partial pivoting on a 4×4 system (row-major).</summary>
        private static double[] Solve4(double[] a, double[] b)
        {
            for (int col = 0; col < 4; col++)
            {
                int pivot = col;
                for (int row = col + 1; row < 4; row++)
                {
                    if (Math.Abs(a[(row * 4) + col]) > Math.Abs(a[(pivot * 4) + col]))
                    {
                        pivot = row;
                    }
                }

                for (int j = 0; j < 4; j++)
                {
                    double t = a[(col * 4) + j];
                    a[(col * 4) + j] = a[(pivot * 4) + j];
                    a[(pivot * 4) + j] = t;
                }

                double tb = b[col];
                b[col] = b[pivot];
                b[pivot] = tb;
                for (int row = col + 1; row < 4; row++)
                {
                    double factor = a[(row * 4) + col] / a[(col * 4) + col];
                    for (int j = col; j < 4; j++)
                    {
                        a[(row * 4) + j] -= factor * a[(col * 4) + j];
                    }

                    b[row] -= factor * b[col];
                }
            }

            double[] x = new double[4];
            for (int row = 3; row >= 0; row--)
            {
                double sum = b[row];
                for (int j = row + 1; j < 4; j++)
                {
                    sum -= a[(row * 4) + j] * x[j];
                }

                x[row] = sum / a[(row * 4) + row];
            }

            return x;
        }
    }
}
