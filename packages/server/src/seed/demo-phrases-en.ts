/** English phrase book for the demo tickets: same scenario keys and slots as the Korean one. */
import type { PhraseBook } from './demo-scenarios.ts';

const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);

/** The global store writes dates in UTC. */
export const ENGLISH_PHRASES: PhraseBook = {
  format: {
    utcOffsetMinutes: 0,
    money: (amount) => `$${amount.toFixed(2)}`,
    roundMoney: (amount) => Math.max(5, Math.round(amount)),
    day: (date) => `${ENGLISH_PHRASES.format.month(date)} ${date.getUTCDate()}`,
    appointment(date) {
      const hour = date.getUTCHours();
      const minute = String(date.getUTCMinutes()).padStart(2, '0');
      return `${ENGLISH_PHRASES.format.day(date)} at ${hour > 12 ? hour - 12 : hour}:${minute} ${hour < 12 ? 'AM' : 'PM'}`;
    },
    month: (date) => MONTHS[date.getUTCMonth()] ?? '',
    addressAs: (fullName) => fullName.split(' ')[0] ?? fullName,
    // The first part of the email is the first name for everyone, Korean agents included.
    signature(agent) {
      const first = agent.email.split(/[.@]/)[0] ?? agent.name;
      return first.charAt(0).toUpperCase() + first.slice(1);
    },
  },
  shared: {
    agentGreetings: [
      'Hi {name},',
      'Hello {name},',
      'Hi {name}, thanks for reaching out.',
      'Hi {name}, {agent} here from Hanbit Store.',
    ],
    agentClosings: [
      "Let me know if there's anything else I can help with.\n\nBest,\n{agent}\nHanbit Store Support",
      'Sorry again for the trouble.\n\n{agent}, Hanbit Store',
      'Just reply to this message if you have any questions.\n\nThanks,\n{agent}',
    ],
    customerSignoffs: ['Thanks,\n{name}', 'Best,\n{name}', 'Cheers,\n{name}', 'Thank you!'],
    nudges: [
      "Hi, any update on this? I haven't heard back yet.",
      'Adding my order number in case it helps: {order}.',
      'This is quite urgent for me, could someone take a look today?',
      'Following up again. Is anyone looking at this?',
    ],
    thanks: [
      'Thanks, that fixed it',
      'Perfect, got it. Thanks for the quick help!',
      'All sorted now, thank you!',
      'That worked. Really appreciate it.',
      'Great, thanks so much for your help.',
    ],
    holdReplies: [
      "I've asked the team that handles this to check, and I'll get back to you as soon as I hear from them.",
      "This is taking a little longer than usual to confirm. I'll follow up within 1-2 business days.",
      "We're waiting on one of our partners to confirm the details. Thanks for bearing with us.",
    ],
    holdNotes: [
      'Waiting on the vendor. Putting this on hold until they reply.',
      '@{colleague} finance says this can only be processed after next week’s settlement run. On hold until then.',
      'Opened a trace with {courier} for {tracking}. On hold until they report back.',
    ],
  },
  scenarios: {
    refund: {
      subjects: [
        'Refund request for order {order}',
        'Requesting a refund',
        'Refund for {product}',
        'When will I get my refund?',
        'Return and refund - changed my mind',
      ],
      openings: [
        'Hi, I ordered the {product} on {date} and would like to return it for a refund. It is not what I expected. Order number {order}.',
        "The {product} arrived with a crushed box. I haven't used it and would like a refund please. Order {order}.",
        'I sent my return a week ago and still have not received the refund of {amount}. When will it show up?',
        'I accidentally placed the same order twice ({order}). Can you refund one of them?',
      ],
      followUps: [
        "It's still sealed, photos attached.",
        'I dropped it off with {courier} yesterday, tracking number {tracking}.',
        'I paid by credit card.',
      ],
      replies: [
        "I've set up the return for order {order}. Once it reaches our warehouse and passes inspection, the refund goes out within 1-3 business days.",
        "Your return hasn't been scanned in at our warehouse yet. I'll process the refund as soon as it arrives.",
      ],
      questions: [
        'Could you send a photo of the item so we can check its condition before processing the refund?',
        "If you've already shipped the return, could you share the tracking number?",
      ],
      resolutions: [
        "I've refunded {refund} for order {order}. Depending on your bank it can take 3-5 business days to appear.",
        'Your return passed inspection and a full refund of {refund} is on its way back to your card.',
      ],
      notes: [
        'Return inspected, resellable. Approving full refund.',
        '@{colleague} duplicate order, can you void one of the charges?',
        'Change of mind, but first order from this customer so waiving the return shipping fee.',
      ],
    },
    partial_refund: {
      subjects: [
        'Partial refund for {product}',
        'Missing item - partial refund?',
        'Coupon not applied, refund the difference',
        'Can I get a partial refund?',
      ],
      openings: [
        'My {product} order arrived with one piece missing. I want to keep the rest, can I get a partial refund for the missing part?',
        'My coupon did not apply at checkout and I was charged {refund} more than I should have been. Order {order}.',
        'My order {order} arrived a week later than promised. Could you at least refund the shipping?',
      ],
      followUps: [
        "It's the charging cable that's missing, photo of the box attached.",
        'The coupon code was WELCOME10.',
      ],
      replies: [
        'I can confirm the missing part. I have requested a partial refund of {refund} for it.',
        "I'm checking the payment records to confirm the difference and will update you today.",
      ],
      questions: [
        'Could you tell us which item was missing, with a photo if possible?',
        'Which coupon code did you try to use?',
      ],
      resolutions: [
        "I've issued a partial refund of {refund} for order {order}. Sorry for the hassle!",
        'The difference of {refund} has been refunded. It should appear on your statement within 3 business days.',
      ],
      notes: [
        'Packing photo confirms the missing item. Approved partial refund of {refund}.',
        '@{colleague} looks like the coupon stacking bug again, can technical take a look?',
      ],
    },
    shipping_delay: {
      subjects: [
        'Where is my order {order}?',
        'Delivery delayed',
        'Package stuck in transit',
        '{product} still not shipped',
        'Order needed by {delivery} - gift',
      ],
      openings: [
        'I ordered the {product} on {date} and it still says "preparing for shipment". When will it ship? Order {order}.',
        'My package was supposed to arrive by {delivery} but tracking ({tracking}) has not moved in two days.',
        'This is a gift and I really need it by {delivery}. Is that still possible? Order {order}.',
        "I got a delay notice for my {product} but no new delivery date. What's going on?",
      ],
      followUps: [
        'Yes, the address is correct. You can leave it with the concierge.',
        'Checked again today and it is still at the same depot.',
      ],
      replies: [
        'I checked with {courier}: their local hub is backed up, so delivery is running a day or two late. Tracking number {tracking}, expected {delivery}.',
        'The {product} was briefly out of stock, which delayed your shipment. It is back in and ships tomorrow.',
      ],
      questions: [
        'Could you confirm your delivery address is complete, including apartment number?',
        'Is there anything the courier should know to deliver it (gate code, safe place)?',
      ],
      resolutions: [
        '{courier} shows the package as delivered this morning. If you did not receive it, just reply here.',
        "I've added a $5 credit to your account for the delay. The package is expected on {delivery}.",
      ],
      notes: [
        '{courier} hub backlog in this region, several similar tickets today.',
        'Warehouse says it was never picked. Expedited today, new tracking {tracking}.',
        '@{colleague} gift order, delivery date matters. Can we upgrade to express?',
      ],
    },
    address_change: {
      subjects: [
        'Change delivery address',
        'Wrong address on my order',
        'Can I update the shipping address for {order}?',
      ],
      openings: [
        'I just placed order {order} and need to change the delivery address to my office. Can you update it before it ships?',
        'I forgot to add my apartment number on order {order}. It should be Apt 4B.',
        "I'm moving next week, can you change the address on my {product} order?",
      ],
      followUps: [
        'Recipient name and phone stay the same.',
        'I have added the new address to my account as well.',
      ],
      replies: ["It hasn't shipped yet, so I've put in the address change for you."],
      questions: [
        'Could you send the full new address and a phone number for the recipient?',
        'It has already left the warehouse, so we need to ask the courier. What is the new address?',
      ],
      resolutions: [
        'Address updated. Your order is expected on {delivery}.',
        '{courier} confirmed the address change. You can follow it with tracking number {tracking}.',
      ],
      notes: [
        'Not shipped yet, edited the address in the WMS.',
        'Already shipped, filed an address change with {courier}.',
      ],
    },
    payment_failure: {
      subjects: [
        'Card declined at checkout',
        'Payment failed with error {code}',
        'Charged but no order',
        "Can't complete payment",
        'Payment gateway error 5003',
      ],
      openings: [
        'Every time I try to pay I get "Payment authorization failed (error {code})". The card works everywhere else.',
        'Checkout keeps failing with error code 5003 from the payment gateway. Tried three times.',
        'My bank shows a charge of {amount} but there is no order in my account. I am afraid to try again and get charged twice.',
        'The payment window closed halfway through but the money was taken. I was buying the {product}.',
      ],
      followUps: [
        'It is a Visa credit card.',
        'I tried in the app, version {version}.',
        'Just tried again, same error.',
      ],
      replies: [
        'Error {code} happens when the payment gateway times out waiting for your bank. We have asked the gateway to look into it.',
        'The payment was authorized but the order failed to save. The {amount} hold will be released automatically.',
      ],
      questions: [
        'Which card did you use, and roughly what time did you try?',
        'Could you send a screenshot of the error?',
      ],
      resolutions: [
        'This was a temporary issue during gateway maintenance and it is fixed now. Could you try again? Any duplicate authorizations have been voided.',
        'I voided the {amount} charge and created the order for you manually: {order}.',
      ],
      notes: [
        'Gateway logs: 5003 is the issuer timeout. Lots of them this afternoon.',
        '@{colleague} authorized but no order. Can you check the auto-void?',
        'No duplicate capture in the payment logs. Customer informed.',
      ],
    },
    order_status: {
      subjects: [
        'Order status?',
        'Was my order cancelled?',
        'Status of order {order}',
        'No order confirmation email',
      ],
      openings: [
        'I placed an order on {date} and it still says "payment received". Is everything OK?',
        'My {product} order suddenly shows as cancelled. I did not cancel it.',
        'Could you tell me the status of order {order}?',
      ],
      followUps: ['I ordered with {email}.', 'I paid by bank transfer.'],
      replies: [
        'Your order went through and is being packed now. You will get an email as soon as it ships.',
      ],
      questions: ['Could you share the email or phone number you used when ordering?'],
      resolutions: [
        'It was auto-cancelled because of a stock sync issue. The item is back in stock and I have re-placed the order for you: {order}.',
        'Your order shipped today with {courier}, tracking number {tracking}.',
      ],
      notes: [
        'Auto-cancelled by the stock sync bug. Re-placed manually.',
        'Bank transfer matched late. Payment confirmed.',
      ],
    },
    defect: {
      subjects: [
        '{product} not working',
        'Broken on arrival',
        'Warranty repair for {product}',
        'Defective item - replacement please',
      ],
      openings: [
        'The {product} I received on {date} will not turn on, even after charging overnight.',
        'My {product} has started making a loud noise. Is it still covered by the warranty?',
        'I think my {product} is defective. I would like a replacement please. Order {order}.',
      ],
      followUps: ['Photo of the serial number attached.', 'I recorded a short video of the problem.'],
      replies: [
        'Sorry about that! This looks like a defect on arrival, so I have started a replacement. A courier will pick up the faulty unit in 1-2 days.',
      ],
      questions: [
        'Could you send a photo or short video showing the problem?',
        'Could you send the serial number so we can check the warranty?',
      ],
      resolutions: [
        'I have booked the repair. If the warranty has expired we will quote the cost before doing any work.',
        'A replacement is on its way with {courier}, tracking number {tracking}.',
      ],
      notes: [
        'Serial checked, processing a replacement.',
        '@{colleague} more defects from the same batch, can you flag it to QA?',
      ],
    },
    appointment: {
      subjects: [
        'Reschedule my repair appointment',
        'Need to change my booking',
        'Cancel service appointment',
        'Any service center slots this week?',
      ],
      openings: [
        'I have a repair appointment on {appointment} but something came up. Can I move it?',
        'I would like to book a repair for my {product}. Do you have anything this week?',
        "I can't make my appointment. Could we move it to an afternoon next week?",
      ],
      followUps: ['Saturday morning would be ideal.', 'Next Tuesday at 4 PM works for me.'],
      replies: ["I'm checking the available slots at the service center and will come back to you shortly."],
      questions: [
        'Could you give us two or three dates and times that suit you?',
        'Which service center would you like to visit?',
      ],
      resolutions: [
        'Done! Your appointment is now on {appointment}. You will get a reminder the day before.',
        'I cancelled the old booking and booked you in for {appointment}.',
      ],
      notes: [
        'Downtown center fully booked that week, offered the airport location.',
        '@{colleague} we need the part in stock before booking. Can you check the ETA?',
      ],
    },
    login: {
      subjects: [
        "Can't log in",
        '2FA code not arriving',
        'Password reset email never arrives',
        'Account locked',
      ],
      openings: [
        'Since this morning I cannot log in. My password is correct but it says the credentials do not match.',
        'I got a new phone and can no longer get my 2FA codes. I am locked out.',
        'I requested a password reset but the email never arrives. Checked spam too.',
        'I tried logging in a few times and now my account says it is locked.',
      ],
      followUps: [
        'My account email is {email}.',
        'I deleted the authenticator app and have no backup codes.',
      ],
      replies: [
        'Your account was locked as a security precaution. Once we verify it is you, we will unlock it.',
        'I have started a 2FA reset. Once verification is done you can enroll your new phone.',
      ],
      questions: [
        'To verify your identity, could you give us the last 4 digits of your phone number and a recent order number?',
        'Do you log in with email and password, or with Google/Apple?',
      ],
      resolutions: [
        'Your account is unlocked and a fresh password reset link has been sent to {email}.',
        'I reset your 2FA. Next time you log in, you will be asked to set up the authenticator app again.',
      ],
      notes: [
        'Identity verified (recent order matches). Resetting 2FA.',
        'Reset emails are bouncing, the receiving server blocks us.',
        '@{colleague} many failed logins from one IP, might be credential stuffing.',
      ],
    },
    bug: {
      subjects: [
        'Cart page is blank in the app',
        'Apply coupon button does nothing',
        'Error on order history page',
        'App keeps crashing (version {version})',
        'Photo upload fails on reviews',
      ],
      openings: [
        'Since updating the app to {version}, tapping the cart just shows a white screen.',
        'The "Apply coupon" button at checkout does nothing. Same on Chrome on my laptop.',
        'The order history page only shows "Something went wrong".',
        'Uploading a photo to my review gets stuck halfway every time.',
      ],
      followUps: [
        'iPhone 15 on iOS 18.',
        'Cleared the cache and reinstalled, still the same.',
        'Screenshot attached.',
      ],
      replies: [
        "Thanks, we've reproduced it and passed it to our engineers. I'll update you when the fix is out.",
        'As a workaround, the mobile website works normally while we fix the app.',
      ],
      questions: [
        'Which device and OS version are you using?',
        'Could you send a screenshot of the screen where it happens?',
      ],
      resolutions: [
        'The fix for the {version} crash is now live. Please update the app and try again.',
        'We fixed a server-side issue. It should work normally if you try again now.',
      ],
      notes: [
        'Only reproducible on iOS app {version}. Filed as MOB-{issue}.',
        '@{colleague} third report of this today, can we bump the priority?',
        'Hotfix going out tomorrow morning.',
      ],
    },
    feature_request: {
      subjects: [
        'Feature request: back-in-stock alerts',
        'Shared cart would be great',
        'CSV export in the business console',
        'Do you offer subscriptions?',
      ],
      openings: [
        'It would be great to get an alert when a sold-out item is back in stock. I keep checking manually.',
        'Please add a CSV export of orders to the business console. We copy everything by hand for month-end.',
        'I buy the same household items every month. A subscription option would be amazing.',
        'Could you add a way to share a cart with family members?',
      ],
      followUps: ['We only need it to open cleanly in Excel.', 'The rest of my team would use it too.'],
      replies: [
        "Thanks for the suggestion! I've passed it to our product team, and we'll let you know if it makes the roadmap.",
      ],
      questions: [
        'Could you tell us a bit more about what you would need in it (order date, amount, delivery status)?',
      ],
      resolutions: [
        "Good news: this shipped in our latest update. Update the app to {version} and you'll find it in settings.",
        "I've logged this with the product team. We'll share progress in our release notes. Thanks for the idea!",
      ],
      notes: [
        '+1 on the feature board, 12 requests so far.',
        '@{colleague} enterprise customer asking, please raise at the PM sync.',
      ],
    },
    account_deletion: {
      subjects: ['Delete my account', 'Account deletion request', 'GDPR data deletion request'],
      openings: [
        "I no longer use the shop and would like to close my account. I can't find the option in the app.",
        'Please delete my account and all personal data you hold about me.',
        'What happens to my store credit if I close my account?',
      ],
      followUps: ["Yes, I'm fine losing the credit. Please go ahead."],
      replies: [
        "I've received your deletion request. I'll check there are no open orders and then process it.",
      ],
      questions: [
        'Closing the account removes any store credit and coupons. Do you still want to go ahead?',
        'To confirm it is you, could you reply from the email address on the account?',
      ],
      resolutions: [
        'Your account has been deleted. We keep only the transaction records the law requires us to keep.',
        'Done, your account is closed. Thank you for shopping with Hanbit Store.',
      ],
      notes: [
        'No open orders, processing deletion.',
        'GDPR request: 30-day deadline. Logged in the privacy register.',
      ],
    },
    invoice: {
      subjects: [
        'Invoice request',
        'Invoice for {month}',
        'Need a VAT invoice',
        'Update billing email for invoices',
      ],
      openings: [
        'Could you send an invoice for our {month} purchases? Company details attached.',
        'Our accountant needs the {month} statement including order {order}.',
        'Please send future invoices to our new accounts payable address.',
      ],
      followUps: ['Please send it to {email}.'],
      replies: ["I'm generating the {month} invoice now and will send it within one business day."],
      questions: ['Could you confirm the billing email and VAT or tax ID to put on the invoice?'],
      resolutions: [
        'The {month} invoice has been sent to {email}.',
        'Statement attached as a PDF. Let me know if anything needs correcting.',
      ],
      notes: [
        'Updated billing details in the ERP.',
        '@{colleague} this customer needs monthly invoices, can we set up a recurring one?',
      ],
    },
    outage: {
      subjects: [
        'Site is down',
        'URGENT: cannot access the site',
        'App not loading',
        'Business console returns 502',
        'Checkout completely broken',
      ],
      openings: [
        'The site is down for me, even the home page will not load.',
        'The business console gives 502 Bad Gateway. Our order cut-off is this morning, please help!',
        'Neither the app nor the website loads. Is it just me?',
      ],
      followUps: ['Still down. Any ETA?', 'Seems to be back for me now.'],
      replies: [
        "We're aware of an outage affecting some customers and are working on it. You can follow updates on our status page.",
        'We have found the cause and are restoring service now. Really sorry for the disruption.',
      ],
      questions: ['Could you tell us what you see, when it started and which network you are on?'],
      resolutions: [
        'Service is restored. Any orders that failed during the outage will be checked and we will contact you individually.',
        'The outage is resolved. Sorry again for the disruption.',
      ],
      notes: [
        'Incident channel open. LB health checks failing, infra is on it.',
        '@{colleague} flood of outage tickets, can we send the macro in bulk?',
        'Root cause: bad CDN config deploy. Rolled back.',
      ],
    },
  },
};
