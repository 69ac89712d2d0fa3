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
      'Sorry for the trouble.\n\n{agent}, Hanbit Store',
      'Just reply to this message if you have any questions.\n\nThanks,\n{agent}',
    ],
    customerGreetings: ['Hi,', 'Hello,', 'Hi there,', 'Hi Hanbit team,'],
    customerSignoffs: ['Thanks,\n{name}', 'Best,\n{name}', 'Cheers,\n{name}', 'Thank you!'],
    nudges: [
      "Hi, any update on this? I haven't heard back yet.",
      'Is someone looking at this?',
      'This is quite urgent for me, could someone take a look today?',
      "Following up again, it's been two days.",
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
      'Waiting on the other team. Putting this on hold until they reply.',
      "@{colleague} finance says this can only be processed after next week's settlement run. On hold until then.",
      'Asked the vendor to confirm. On hold until they report back.',
    ],
  },
  scenarios: {
    refund: {
      subjects: ['Refund request for order {order}', 'Requesting a refund', 'Refund question'],
      openings: [
        [
          'Refund for {product}',
          'I ordered the {product} on {date} and would like to return it for a refund. It is not what I expected. Order number {order}.',
        ],
        [
          'Damaged box - refund please',
          "The {product} arrived with a crushed box. I haven't used it and would like a refund please. Order {order}.",
        ],
        [
          'When will I get my refund?',
          'I sent my return a week ago and still have not received the refund of {amount}. When will it show up? Order {order}.',
        ],
        [
          'Duplicate order, please refund one',
          'I accidentally placed the same order twice. Can you refund one of them? Order {order}.',
        ],
      ],
      followUps: [
        'I paid by credit card.',
        'Do I have to pay for the return shipping?',
        'Refunding to the original card is fine.',
      ],
      replies: [
        "I've started the refund for order {order}. Once the item is collected and inspected, the refund goes out within 1-3 business days.",
        "I've found order {order} and asked our payments team to cancel the charge. I'll confirm as soon as it's done.",
      ],
      questions: [
        [
          'Could you send a photo of the item so we can check its condition before processing the refund?',
          "Sure, photos attached. It's still in the original packaging.",
        ],
        ['The refund goes back to the card you paid with. Is that OK?', 'Yes, the original card is fine.'],
      ],
      resolutions: [
        "I've refunded {refund} for order {order}. Depending on your bank it can take 3-5 business days to appear.",
        'A full refund of {refund} is on its way back to your card.',
      ],
      notes: [
        'Order history checked, within the refund policy. Approving full refund.',
        '@{colleague} can you cancel the charge on {order}?',
        'First order from this customer, waiving the return shipping fee.',
      ],
    },
    partial_refund: {
      subjects: ['Partial refund for {product}', 'Can I get a partial refund?', 'Partial refund request'],
      openings: [
        [
          'Missing item - partial refund?',
          'My {product} order arrived with one piece missing. I want to keep the rest, can I get a partial refund for the missing part? Order {order}.',
        ],
        [
          'Coupon not applied, refund the difference',
          'My coupon did not apply at checkout and I was charged {refund} more than I should have been. Order {order}.',
        ],
        [
          'Late delivery - refund the shipping?',
          'My order {order} arrived a week later than promised. Could you at least refund the shipping?',
        ],
      ],
      followUps: ['Everything else in the order is fine.', 'Screenshot of the payment attached.'],
      replies: [
        "You're right, I can see it. I have requested a partial refund of {refund}.",
        "I'm checking the payment records and will update you today.",
      ],
      questions: [
        [
          'Could you send a screenshot of the order and the payment so we can check the amount?',
          'Screenshots attached.',
        ],
        ['The partial refund goes back to the card you paid with. Is that OK?', 'Yes, the card is fine.'],
      ],
      resolutions: [
        "I've issued a partial refund of {refund} for order {order}. Sorry for the hassle!",
        'A partial refund of {refund} has been issued. It should appear on your statement within 3 business days.',
      ],
      notes: [
        'Checked the order, a partial refund of {refund} looks right.',
        '@{colleague} several partial refund requests like this one this week, can we find the cause?',
      ],
    },
    shipping_delay: {
      subjects: ['Where is my order {order}?', 'Delivery delayed', 'Question about my delivery'],
      openings: [
        [
          '{product} still not shipped',
          'I ordered the {product} on {date} and it still says "preparing for shipment". When will it ship? Order {order}.',
        ],
        [
          'Package stuck in transit',
          'My package was supposed to arrive by {delivery} but tracking ({tracking}) has not moved in two days.',
        ],
        [
          'Order needed by {deadline} - gift',
          'This is a gift and I really need it by {deadline}. Is that still possible? Order {order}.',
        ],
        [
          'Delay notice but no date',
          "I got a delay notice for my {product} but no new delivery date. What's going on? Order {order}.",
        ],
      ],
      followUps: [
        'Checked again today, still no movement.',
        'If nobody is home, the concierge can take it.',
        'Can I at least get it by the end of the week?',
      ],
      replies: [
        'I checked with {courier}: their local hub is backed up, so delivery is running a day or two late. Tracking number {tracking}, expected {eta}.',
        'The {product} arrived late at our warehouse, which delayed your shipment. I have asked for it to go out tomorrow.',
      ],
      questions: [
        [
          'Could you confirm your delivery address is complete, including the apartment number?',
          'Yes, the address is right, apartment number included.',
        ],
        [
          'Is there anything the courier should know to deliver it (gate code, safe place)?',
          'Please leave it at the door and text me.',
        ],
      ],
      resolutions: [
        '{courier} shows the package as delivered this morning. If you did not receive it, just reply here.',
        "I've added a $5 credit to your account for the delay. The package is expected on {eta}.",
      ],
      notes: [
        '{courier} hub backlog in this region, several similar tickets today.',
        'Warehouse says it was never picked. Expedited today, new tracking {tracking}.',
        '@{colleague} delivery date matters on this one. Can we upgrade to express?',
      ],
    },
    address_change: {
      subjects: ['Change delivery address', 'Can I update the shipping address for {order}?'],
      openings: [
        [
          'Ship to my office instead',
          'I placed order {order} and need to change the delivery address to my office. Can you update it before it ships?',
        ],
        [
          'Wrong address on my order',
          'I forgot to add my apartment number on order {order}. It should be Apt 4B.',
        ],
        [
          "I'm moving - new address",
          "I'm moving next week, can you change the address on my {product} order? Order {order}.",
        ],
      ],
      followUps: [
        'Recipient name and phone stay the same.',
        'If it has shipped, please ask the courier to redirect it.',
      ],
      replies: [
        "It hasn't shipped yet, so I've put in the address change for you.",
        'It has already left the warehouse, so I have asked {courier} to redirect it.',
      ],
      questions: [
        [
          'Could you send the full new address and a phone number for the recipient?',
          'I added the new address to my account. Same phone number.',
        ],
        ['Is the new address the default one saved in your account?', 'Yes, please use the default address.'],
      ],
      resolutions: [
        'Address updated. Your order is expected on {eta}.',
        '{courier} confirmed the address change. You can follow it with tracking number {tracking}.',
      ],
      notes: [
        'Not shipped yet, edited the address in the WMS.',
        'Already shipped, filed an address change with {courier}.',
      ],
    },
    payment_failure: {
      subjects: ["Can't complete payment", 'Payment problem', 'Checkout error'],
      openings: [
        [
          'Payment failed with error {code}',
          'Every time I try to pay I get "Payment authorization failed (error {code})". The card works everywhere else.',
        ],
        [
          'Payment gateway error 5003',
          'Checkout keeps failing with error code 5003 from the payment gateway. Tried three times.',
        ],
        [
          'Charged but no order',
          'My bank shows a charge of {amount} but there is no order in my account. I am afraid to try again and get charged twice.',
        ],
        [
          'Card declined at checkout',
          'My card gets declined every time I try to buy the {product}. There is plenty of credit on it.',
        ],
      ],
      followUps: ['Just tried again, same error.', 'I need to get this paid today, is there another way?'],
      replies: [
        "I'm looking at our payment logs and have asked the payment gateway to check too. I'll update you shortly.",
        'Something went wrong while authorizing the payment. Any amount that was authorized will be released automatically.',
      ],
      questions: [
        [
          'Which card did you use, and roughly what time did you try?',
          'A Visa credit card, around 2 PM today.',
        ],
        ['Could you send a screenshot of the error?', 'Screenshot attached. I was on app version {version}.'],
      ],
      resolutions: [
        'This was a temporary issue during gateway maintenance and it is fixed now. Could you try again? Any duplicate authorizations have been voided.',
        'I voided the failed authorization and created the order for you manually: {order}.',
      ],
      notes: [
        'Gateway logs: 5003 is the issuer timeout. Lots of them this afternoon.',
        '@{colleague} authorization without an order. Can you check the auto-void?',
        'No duplicate capture in the payment logs. Customer informed.',
      ],
    },
    order_status: {
      subjects: ['Order status?', 'Status of order {order}'],
      openings: [
        [
          'Is my order OK?',
          'I placed an order on {date} and it still says "payment received". Is everything OK? Order {order}.',
        ],
        [
          'Was my order cancelled?',
          'My {product} order suddenly shows as cancelled. I did not cancel it. Order {order}.',
        ],
        [
          'No order confirmation email',
          'I paid for the {product} but never got a confirmation email. Did the order go through?',
        ],
      ],
      followUps: [
        'I paid by bank transfer.',
        'I need it this weekend, so I would also like to know when it arrives.',
      ],
      replies: [
        "I'm looking into your order and have asked the warehouse for its status. I'll be back to you shortly.",
      ],
      questions: [
        ['Could you share the email or phone number you used when ordering?', 'I ordered with {email}.'],
      ],
      resolutions: [
        'It had been cancelled by a stock sync issue. I have re-placed the order for you: {order}.',
        'Your order went through and shipped today with {courier}, tracking number {tracking}.',
      ],
      notes: [
        'Auto-cancelled by the stock sync bug. Re-placed manually.',
        'Bank transfer matched late. Payment confirmed.',
      ],
    },
    defect: {
      subjects: ['{product} not working', 'Defective item'],
      openings: [
        [
          'Broken on arrival',
          'The {product} I received on {date} will not turn on, even after charging overnight.',
        ],
        [
          'Warranty repair for {product}',
          'My {product} has started making a loud noise. Is it still covered by the warranty?',
        ],
        [
          'Defective item - replacement please',
          'I think my {product} is defective. I would like a replacement please. Order {order}.',
        ],
      ],
      followUps: [
        'I tried a factory reset as the manual says, no change.',
        'I use it every day, so the sooner the better.',
      ],
      replies: [
        "Sorry about that! We'll collect the unit and check it. A courier will pick it up in 1-2 days.",
      ],
      questions: [
        [
          'Could you send a photo or short video showing the problem?',
          'Short video of the problem attached.',
        ],
        [
          'Could you send the serial number so we can check the warranty?',
          'Photo of the serial number attached.',
        ],
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
      subjects: ['Change my booking', 'Service appointment'],
      openings: [
        [
          'Reschedule my repair appointment',
          'I have a repair appointment on {appointment} but something came up. Can I move it?',
        ],
        [
          'Any service center slots this week?',
          'I would like to book a repair for my {product}. Do you have anything this week?',
        ],
        [
          "Can't make my appointment",
          "I can't make my appointment on {appointment}. Could we move it to an afternoon next week?",
        ],
      ],
      followUps: ['After work would be ideal.', 'Is there parking at the service center?'],
      replies: ["I'm checking the available slots at the service center and will come back to you shortly."],
      questions: [
        [
          'Could you give us two or three dates and times that suit you?',
          'Next Tuesday afternoon or Saturday morning both work.',
        ],
        ['Which service center would you like to visit?', 'Downtown is the closest for me.'],
      ],
      resolutions: [
        "Done! You're booked for {rebooked}. You will get a reminder the day before.",
        "All set: you're booked for {rebooked}. A confirmation text is on its way.",
      ],
      notes: [
        'Downtown center fully booked that week, offered the airport location.',
        '@{colleague} we need the part in stock before booking. Can you check the ETA?',
      ],
    },
    login: {
      subjects: ["Can't log in", 'Login problem'],
      openings: [
        [
          "Can't log in",
          'Since this morning I cannot log in. My password is correct but it says the credentials do not match.',
        ],
        ['2FA code not arriving', 'I got a new phone and can no longer get my 2FA codes. I am locked out.'],
        [
          'Password reset email never arrives',
          'I requested a password reset but the email never arrives. Checked spam too.',
        ],
        ['Account locked', 'I tried logging in a few times and now my account says it is locked.'],
      ],
      followUps: ['Same on my laptop and my phone.', 'I need to check an order, so this is urgent.'],
      replies: [
        'Your account was locked as a security precaution. Once we verify it is you, we will unlock it.',
        "I've checked your account. As soon as we've verified it's you, we'll get you back in.",
      ],
      questions: [
        [
          'To verify your identity, could you give us a recent order number and your account email?',
          'My last order was {order}, and my account email is {email}.',
        ],
        ['Do you log in with email and password, or with Google/Apple?', 'Email and password, with {email}.'],
      ],
      resolutions: [
        "You're verified and I've reset your login. A link to set a new password is on its way to {email}.",
        'All fixed on our side. Please log in again; if you use 2FA, you will be asked to set it up once more.',
      ],
      notes: [
        'Identity verified (recent order matches).',
        'Reset emails are bouncing, the receiving server blocks us.',
        '@{colleague} many failed logins from one IP, might be credential stuffing.',
      ],
    },
    bug: {
      subjects: ['Bug report', 'Something is broken in the app'],
      openings: [
        [
          'Cart page is blank in the app',
          'Since updating the app to {version}, tapping the cart just shows a white screen.',
        ],
        [
          'Apply coupon button does nothing',
          'The "Apply coupon" button at checkout does nothing. Same on Chrome on my laptop.',
        ],
        ['Error on order history page', 'The order history page only shows "Something went wrong".'],
        ['Photo upload fails on reviews', 'Uploading a photo to my review gets stuck halfway every time.'],
        [
          'App keeps crashing (version {version})',
          'The app crashes whenever I open a product page. I am on version {version}.',
        ],
      ],
      followUps: ['Cleared the cache and reinstalled, still the same.', 'Same thing on my other device.'],
      replies: [
        "Thanks, we've reproduced it and passed it to our engineers. I'll update you when the fix is out.",
        'As a workaround, the mobile website works normally while we fix this.',
      ],
      questions: [
        ['Which device and OS version are you using?', 'iPhone 15 on iOS 18, app version {version}.'],
        ['Could you send a screenshot of the screen where it happens?', 'Screenshot attached.'],
      ],
      resolutions: [
        'A fix is now live. Please update the app to the latest version and try again.',
        'We fixed a server-side issue. It should work normally if you try again now.',
      ],
      notes: [
        'Only reproducible on app {version}. Filed as MOB-{issue}.',
        '@{colleague} third report of this today, can we bump the priority?',
        'Hotfix going out tomorrow morning.',
      ],
    },
    feature_request: {
      subjects: ['Feature request', 'Suggestion'],
      openings: [
        [
          'Feature request: back-in-stock alerts',
          'It would be great to get an alert when a sold-out item is back in stock. I keep checking manually.',
        ],
        [
          'CSV export in the business console',
          'Please add a CSV export of orders to the business console. We copy everything by hand for month-end.',
        ],
        [
          'Do you offer subscriptions?',
          'I buy the same household items every month. A subscription option would be amazing.',
        ],
        ['Shared cart would be great', 'Could you add a way to share a cart with family members?'],
      ],
      followUps: ['Lots of people I know would use it too.', "I'd use it right away!"],
      replies: [
        "Thanks for the suggestion! I've passed it to our product team, and we'll let you know if it makes the roadmap.",
      ],
      questions: [
        [
          'Could you tell us a bit more about how you would use it?',
          'We do this every month, so automating it would save us hours.',
        ],
      ],
      resolutions: [
        "Good news: this shipped in our latest update. Update the app to {version} and you'll find it in settings.",
        "I've logged this with the product team. We'll share progress in our release notes. Thanks for the idea!",
      ],
      notes: [
        '+1 on the feature board, 12 requests so far.',
        '@{colleague} business customer asking, please raise at the PM sync.',
      ],
    },
    account_deletion: {
      subjects: ['Delete my account', 'Account deletion request'],
      openings: [
        [
          'Close my account',
          "I no longer use the shop and would like to close my account. I can't find the option in the app.",
        ],
        ['GDPR data deletion request', 'Please delete my account and all personal data you hold about me.'],
        [
          'Store credit if I close my account?',
          'What happens to my store credit if I close my account? I want to sort it out before leaving.',
        ],
      ],
      followUps: ['I have no open orders.'],
      replies: [
        "I've received your deletion request. I'll check there are no open orders and then process it.",
      ],
      questions: [
        [
          'Closing the account removes any store credit and coupons. Do you still want to go ahead?',
          "Yes, I'm fine losing the credit. Please go ahead.",
        ],
        [
          'To confirm it is you, could you reply from the email address on the account?',
          'Replying from my account email. Please go ahead.',
        ],
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
      subjects: ['Invoice request', 'Invoice for {month}'],
      openings: [
        ['Invoice request', 'Could you send an invoice for our {month} purchases? Company details attached.'],
        ['Statement for {month}', 'Our accountant needs the {month} statement including order {order}.'],
        [
          'Update billing email for invoices',
          'Please send future invoices to our new accounts payable address.',
        ],
      ],
      followUps: ['Ideally we would have it by Friday.'],
      replies: ["Thanks, I'm on it and will send it within one business day."],
      questions: [
        [
          'Could you confirm the billing email and the VAT or tax ID to put on the invoice?',
          'Please send it to {email}. The tax ID is on the attached form.',
        ],
      ],
      resolutions: [
        'The {month} invoice has been sent to {email}.',
        'Documents attached as a PDF. Let me know if anything needs correcting.',
      ],
      notes: [
        'Updated billing details in the ERP.',
        '@{colleague} this customer needs monthly invoices, can we set up a recurring one?',
      ],
    },
    outage: {
      subjects: ['Site is down', 'URGENT: cannot access the site'],
      openings: [
        ['Site is down', 'The site is down for me, even the home page will not load.'],
        [
          'Business console returns 502',
          'The business console gives 502 Bad Gateway. Our order cut-off is this morning, please help!',
        ],
        ['App not loading', 'Neither the app nor the website loads. Is it just me?'],
        ['Checkout completely broken', 'The checkout page does not load at all. We cannot place any orders.'],
      ],
      followUps: ['Still down. Any ETA?', 'Everyone on our team sees the same.'],
      replies: [
        "We're aware of an outage affecting some customers and are working on it. You can follow updates on our status page.",
        'We have found the cause and are restoring service now. Really sorry for the disruption.',
      ],
      questions: [
        [
          'Could you tell us what you see, when it started and which network you are on?',
          'Since about 10 AM, on both office Wi-Fi and mobile data.',
        ],
      ],
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
